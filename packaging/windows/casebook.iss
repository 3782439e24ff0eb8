; Inno Setup script for Casebook on Windows: a per-user install, no administrator rights.
; First build the bundle on Windows:  uv run --group packaging python packaging/build.py
; then compile this script:            iscc packaging\windows\casebook.iss
; It makes dist\Casebook-Setup-<version>.exe.
; Uninstalling removes the program; the data folder (%LOCALAPPDATA%\Casebook) is kept unless
; the person ticks the box offered at the end of the uninstall.

#define AppName "Casebook"
#ifndef AppVersion
  #define AppVersion "0.1.0"  ; keep in step with desktop_app.__version__, or iscc /DAppVersion=…
#endif
#define Bundle "..\..\dist\Casebook"

[Setup]
AppId={{6C1B9A43-4E2B-4F77-9D4B-3C7C2A1F0E17}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=Casebook
DefaultDirName={localappdata}\Programs\Casebook
DefaultGroupName=Casebook
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=
OutputDir=..\..\dist
OutputBaseFilename=Casebook-Setup-{#AppVersion}
SetupIconFile=..\icons\casebook.ico
UninstallDisplayIcon={app}\casebook.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Casebook"; Filename: "{app}\casebook.exe"
Name: "{group}\{cm:UninstallProgram,Casebook}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\Casebook"; Filename: "{app}\casebook.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\casebook.exe"; Description: "{cm:LaunchProgram,Casebook}"; Flags: nowait postinstall skipifsilent

[CustomMessages]
en.DeleteData=Also delete your Casebook data (cases, evidence, backups) in %1? This cannot be undone.
zh.DeleteData=是否同时删除 %1 中的投诉案卷数据（案卷、证据、备份）？此操作无法撤销。

[Code]
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\Casebook');
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { The data folder is kept unless the person asks; a silent uninstall always keeps it. }
  if (CurUninstallStep = usPostUninstall) and DirExists(DataDir()) and not UninstallSilent() then
    if MsgBox(FmtMessage(CustomMessage('DeleteData'), [DataDir()]),
              mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES then
      DelTree(DataDir(), True, True, True);
end;
