<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>BackupActions</name>
    <message>
      <source>&amp;Back up…</source>
      <translation>备份(&amp;B)…</translation>
    </message>
    <message>
      <source>Save all cases, evidence files and your details as one zip file</source>
      <translation>把所有案卷、证据文件和您的个人信息保存为一个 zip 文件</translation>
    </message>
    <message>
      <source>&amp;Restore from backup…</source>
      <translation>从备份恢复(&amp;R)…</translation>
    </message>
    <message>
      <source>Replace the data in this window by a backup (the current data is kept aside)</source>
      <translation>用备份替换本窗口中的数据（当前数据会另外保留）</translation>
    </message>
    <message>
      <source>Back up to</source>
      <translation>备份到</translation>
    </message>
    <message>
      <source>Zip archives (*.zip)</source>
      <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
      <source>Restore from backup</source>
      <translation>从备份恢复</translation>
    </message>
    <message>
      <source>Zip archives (*.zip);;All files (*)</source>
      <translation>Zip 压缩包 (*.zip);;所有文件 (*)</translation>
    </message>
    <message>
      <source>This backup is of a locked book. Enter its passphrase:</source>
      <translation>这是一个已加锁案卷库的备份。请输入它的密码：</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Casebook</source>
      <translation>投诉案卷</translation>
    </message>
    <message>
      <source>Backing up your cases and evidence…</source>
      <translation>正在备份您的案卷和证据…</translation>
    </message>
    <message>
      <source>Backup cancelled; nothing was saved.</source>
      <translation>备份已取消，未保存任何内容。</translation>
    </message>
    <message numerus="yes">
      <source>%n case(s)</source>
      <translation>
        <numerusform>%n 个案卷</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n evidence file(s)</source>
      <translation>
        <numerusform>%n 个证据文件</numerusform>
      </translation>
    </message>
    <message>
      <source>Saved {cases} and {files} to
{path}
({size:.1f} MB).</source>
      <translation>已将 {cases}和 {files}保存到
{path}
（{size:.1f} MB）。</translation>
    </message>
    <message>
      <source>Backup saved</source>
      <translation>备份已保存</translation>
    </message>
    <message>
      <source>Backup failed</source>
      <translation>备份失败</translation>
    </message>
    <message>
      <source>The backup was not saved.

{reason}</source>
      <translation>备份未保存。

{reason}</translation>
    </message>
    <message>
      <source>Checking the backup…</source>
      <translation>正在检查备份…</translation>
    </message>
    <message>
      <source>Backup not restored</source>
      <translation>未恢复备份</translation>
    </message>
    <message>
      <source>Nothing was changed.

{reason}</source>
      <translation>没有任何改动。

{reason}</translation>
    </message>
    <message>
      <source>Restore the backup made on {created} ({cases} case(s), {files} evidence file(s))?

The data now in this window will be replaced by the backup's. It is not deleted: the current data folder is kept as
{aside}

The window will close and open again on the restored data.</source>
      <translation>恢复 {created} 制作的备份（{cases} 个案卷，{files} 个证据文件）？

本窗口中现有的数据将被备份中的数据替换。现有数据不会被删除：当前数据文件夹会保留为
{aside}

窗口将关闭，并以恢复后的数据重新打开。</translation>
    </message>
    <message>
      <source>Restoring the backup…</source>
      <translation>正在恢复备份…</translation>
    </message>
    <message>
      <source>Restore cancelled; nothing changed.</source>
      <translation>恢复已取消，没有任何改动。</translation>
    </message>
    <message>
      <source>Casebook cannot start</source>
      <translation>投诉案卷无法启动</translation>
    </message>
    <message>
      <source>Another Casebook took the data folder {folder} while the backup was being put in place. Close it, then start Casebook again.</source>
      <translation>在放入备份期间，另一个投诉案卷占用了数据文件夹 {folder}。请关闭它，然后重新启动投诉案卷。</translation>
    </message>
    <message>
      <source>The backup has been restored.</source>
      <translation>备份已恢复。</translation>
    </message>
    <message>
      <source>Your previous data is kept in
{path}</source>
      <translation>您之前的数据保留在
{path}</translation>
    </message>
    <message>
      <source>Backup restored</source>
      <translation>备份已恢复</translation>
    </message>
  </context>
  <context>
    <name>BookWorker</name>
    <message>
      <source>Something went wrong: {error}</source>
      <translation>出现问题：{error}</translation>
    </message>
  </context>
  <context>
    <name>CallLogDialog</name>
    <message>
      <source>Add calls from the call log in {exhibit}</source>
      <translation>从 {exhibit} 的通话记录添加来电</translation>
    </message>
    <message>
      <source>{exhibit} shows these calls. The checked ones become timeline entries (unsolicited calls, each naming {exhibit}); calls you made yourself are left unchecked.</source>
      <translation>{exhibit} 显示了以下通话。勾选的通话将成为时间线记录（骚扰来电，每条都注明出自 {exhibit}）；您自己拨出的电话默认不勾选。</translation>
    </message>
    <message>
      <source>Check all</source>
      <translation>全选</translation>
    </message>
    <message>
      <source>Check none</source>
      <translation>全不选</translation>
    </message>
    <message>
      <source>Check the calls to add</source>
      <translation>请勾选要添加的通话</translation>
    </message>
    <message>
      <source>Add 1 call</source>
      <translation>添加 1 条来电</translation>
    </message>
    <message>
      <source>Add {count} calls</source>
      <translation>添加 {count} 条来电</translation>
    </message>
  </context>
  <context>
    <name>CallLogModel</name>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>Name shown</source>
      <translation>显示名称</translation>
    </message>
    <message>
      <source>Call</source>
      <translation>通话</translation>
    </message>
    <message>
      <source>Outgoing (you called)</source>
      <translation>呼出（您拨出的）</translation>
    </message>
    <message>
      <source>Missed</source>
      <translation>未接</translation>
    </message>
    <message>
      <source>Answered</source>
      <translation>已接</translation>
    </message>
    <message>
      <source>Incoming</source>
      <translation>呼入</translation>
    </message>
  </context>
  <context>
    <name>CallStopwatch</name>
    <message>
      <source>Call in progress</source>
      <translation>通话中</translation>
    </message>
    <message>
      <source>Number dialled</source>
      <translation>拨打的号码</translation>
    </message>
    <message>
      <source>Notes while you talk or wait on hold…</source>
      <translation>通话或等待接听时随手记录…</translation>
    </message>
    <message>
      <source>End call and log it</source>
      <translation>结束通话并记录</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Stop the stopwatch and open the entry, with the duration filled in</source>
      <translation>停止计时并打开记录，自动填入通话时长</translation>
    </message>
  </context>
  <context>
    <name>CaptureTimeDialog</name>
    <message>
      <source>When was {exhibit} made?</source>
      <translation>{exhibit} 是什么时候形成的（截图或拍摄的时间）？</translation>
    </message>
    <message>
      <source>Casebook has: {captured}</source>
      <translation>目前记录：{captured}</translation>
    </message>
    <message>
      <source>Not known</source>
      <translation>时间未知</translation>
    </message>
    <message>
      <source>Say that when it was made is not known, rather than give a time that may be wrong</source>
      <translation>标明时间未知，而不是填一个可能不准确的时间</translation>
    </message>
    <message>
      <source>The time you give is kept as yours (“set by you”), in the dossier too. Undo with Ctrl+Z.</source>
      <translation>您填写的时间会标为“本人填写”，案卷中也如此标注。可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>Made at</source>
      <translation>形成时间</translation>
    </message>
  </context>
  <context>
    <name>CaseDialog</name>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message>
      <source>A few words you will recognise the case by (required)</source>
      <translation>用几个字概括，方便日后辨认这个案卷（必填）</translation>
    </message>
    <message>
      <source>The bank, payment app or lender: type part of its name</source>
      <translation>银行、支付平台或贷款机构：输入部分名称即可</translation>
    </message>
    <message>
      <source>e.g. the bank's WeChat mini-program, a credit card, a wallet</source>
      <translation>例如：银行的微信小程序、信用卡、钱包</translation>
    </message>
    <message>
      <source>e.g. 1280.50</source>
      <translation>例如：1280.50</translation>
    </message>
    <message>
      <source>Known</source>
      <translation>我记得具体时间</translation>
    </message>
    <message>
      <source>Tick if you know when it happened</source>
      <translation>如果知道发生时间，请勾选</translation>
    </message>
    <message>
      <source>Transaction or order numbers, separated by commas</source>
      <translation>交易流水号或订单号，用逗号分隔</translation>
    </message>
    <message>
      <source>What happened, in order, with dates and amounts (facts and reasons)</source>
      <translation>按先后顺序写明发生了什么，包括日期和金额（事实与理由）</translation>
    </message>
    <message>
      <source>What you want: a refund, a correction, an apology, compensation…</source>
      <translation>您的诉求：退款、更正、道歉、赔偿…</translation>
    </message>
    <message>
      <source>Whose rules set the deadlines for an answer to your complaint</source>
      <translation>按哪个地区的规定计算投诉答复期限</translation>
    </message>
    <message>
      <source>&amp;Title</source>
      <translation>标题(&amp;T)</translation>
    </message>
    <message>
      <source>Complaint &amp;against</source>
      <translation>被投诉机构(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Product / service</source>
      <translation>产品/服务(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Category</source>
      <translation>类别(&amp;C)</translation>
    </message>
    <message>
      <source>A&amp;mount</source>
      <translation>金额(&amp;M)</translation>
    </message>
    <message>
      <source>When it &amp;happened</source>
      <translation>发生时间(&amp;H)</translation>
    </message>
    <message>
      <source>T&amp;ransaction / order no.</source>
      <translation>交易流水号/订单号(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Facts and reasons</source>
      <translation>事实与理由(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;What you want</source>
      <translation>诉求(&amp;W)</translation>
    </message>
    <message>
      <source>&amp;Status</source>
      <translation>状态(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Jurisdiction</source>
      <translation>适用地区(&amp;J)</translation>
    </message>
    <message>
      <source>Hotline {hotline}</source>
      <translation>客服热线 {hotline}</translation>
    </message>
    <message>
      <source>Not in the directory yet: it will be added.</source>
      <translation>机构名录中还没有此机构，保存时将自动添加。</translation>
    </message>
    <message>
      <source>Give the case a title to save it.</source>
      <translation>请先为案卷填写标题，再保存。</translation>
    </message>
    <message>
      <source>Name the bank or company the complaint is against.</source>
      <translation>请填写被投诉的银行或公司名称。</translation>
    </message>
  </context>
  <context>
    <name>CaseHeader</name>
    <message>
      <source>Edit case…</source>
      <translation>编辑案卷…</translation>
    </message>
    <message>
      <source>Where the case stands</source>
      <translation>案卷当前状态</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Incident</source>
      <translation>发生时间</translation>
    </message>
    <message>
      <source>Desired outcome</source>
      <translation>诉求</translation>
    </message>
    <message>
      <source>hotline</source>
      <translation>客服热线</translation>
    </message>
  </context>
  <context>
    <name>CaseListModel</name>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message>
      <source>Institution</source>
      <translation>机构</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Last contact</source>
      <translation>最近联系</translation>
    </message>
  </context>
  <context>
    <name>ClockPanel</name>
    <message>
      <source>No regulator clock yet. It starts at the first contact that gave you a complaint number, or at the entry you mark as “complaint lodged” (right-click it in the timeline).</source>
      <translation>尚未开始计算监管时限。时限从您首次获得投诉号的那次联系起算，或从您标记为“投诉受理起点”的记录起算（在时间线中右键单击该记录即可标记）。</translation>
    </message>
    <message>
      <source>Counted from the entry of {date} (complaint lodged).</source>
      <translation>从 {date} 的记录起算（投诉受理起点）。</translation>
    </message>
    <message>
      <source>Source: {source}</source>
      <translation>依据：{source}</translation>
    </message>
    <message>
      <source>Rule as of {date}</source>
      <translation>规定截至 {date}</translation>
    </message>
  </context>
  <context>
    <name>DeadlineActions</name>
    <message>
      <source>Log an &amp;unsolicited call or SMS…</source>
      <translation>记录骚扰来电或短信(&amp;U)…</translation>
    </message>
    <message>
      <source>Unsolicited call</source>
      <translation>记录骚扰来电</translation>
    </message>
    <message>
      <source>A call or SMS you did not ask for (marketing, robocalls): number, time, what it was about (Ctrl+U)</source>
      <translation>您并未要求的来电或短信（推销、自动语音电话）：记下号码、时间和内容（Ctrl+U）</translation>
    </message>
    <message>
      <source>E&amp;scalate…</source>
      <translation>升级投诉(&amp;S)…</translation>
    </message>
    <message>
      <source>Where to complain next, why, and the complaint letter (Ctrl+Shift+R)</source>
      <translation>下一步向哪里投诉、理由，以及投诉信（Ctrl+Shift+R）</translation>
    </message>
    <message>
      <source>&amp;Chaser letter…</source>
      <translation>催办函(&amp;C)…</translation>
    </message>
    <message>
      <source>The regulator's clock starts at this entry</source>
      <translation>监管时限从这条记录起算</translation>
    </message>
    <message>
      <source>Unsolicited calls c&amp;hart</source>
      <translation>骚扰来电图表(&amp;H)</translation>
    </message>
    <message>
      <source>Clear “complaint lodged”</source>
      <translation>清除“投诉受理起点”</translation>
    </message>
    <message>
      <source>Mark as complaint lod&amp;ged</source>
      <translation>标记为投诉受理起点(&amp;G)</translation>
    </message>
    <message>
      <source>Unsolicited calls ({count})</source>
      <translation>骚扰来电（{count}）</translation>
    </message>
    <message>
      <source>The regulator clock now starts at this entry.</source>
      <translation>监管时限现在从这条记录起算。</translation>
    </message>
    <message>
      <source>Mark cleared: the clock starts at the first contact that gave a complaint number.</source>
      <translation>已清除标记：监管时限从首次获得投诉号的那次联系起算。</translation>
    </message>
    <message>
      <source>Record the filing with {body}</source>
      <translation>记录向{body}提交的投诉</translation>
    </message>
    <message>
      <source>the regulator</source>
      <translation>监管机构</translation>
    </message>
    <message>
      <source>Log unsolicited call</source>
      <translation>记录骚扰来电</translation>
    </message>
    <message>
      <source>Log unsolicited SMS</source>
      <translation>记录骚扰短信</translation>
    </message>
    <message>
      <source>Mark as complaint lodged</source>
      <translation>标记为投诉受理起点</translation>
    </message>
    <message>
      <source>Mark “{promise}” kept…</source>
      <translation>将“{promise}”标记为已兑现…</translation>
    </message>
    <message>
      <source>Mark “{promise}” broken…</source>
      <translation>将“{promise}”标记为未兑现…</translation>
    </message>
    <message>
      <source>Chaser letter for “{promise}”…</source>
      <translation>就“{promise}”写催办函…</translation>
    </message>
    <message>
      <source>marked by you</source>
      <translation>由您标记</translation>
    </message>
    <message>
      <source>the first contact that gave a complaint number</source>
      <translation>首次获得投诉号的那次联系</translation>
    </message>
    <message>
      <source>Complaint lodged here: the regulator clock starts at this entry ({how}).</source>
      <translation>投诉受理起点：监管时限从这条记录起算（{how}）。</translation>
    </message>
    <message>
      <source>Clear the mark</source>
      <translation>清除标记</translation>
    </message>
    <message>
      <source>Mark kept…</source>
      <translation>标记为已兑现…</translation>
    </message>
    <message>
      <source>Mark broken…</source>
      <translation>标记为未兑现…</translation>
    </message>
    <message>
      <source>Chaser letter…</source>
      <translation>催办函…</translation>
    </message>
    <message>
      <source>{promise}: {actions}</source>
      <translation>{promise}：{actions}</translation>
    </message>
    <message>
      <source>Export due dates to &amp;calendar…</source>
      <translation>将到期事项导出到日历(&amp;C)…</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期事项</translation>
    </message>
    <message>
      <source>&amp;Due</source>
      <translation>到期事项(&amp;D)</translation>
    </message>
    <message>
      <source>Promises and deadlines across all open cases (Ctrl+D)</source>
      <translation>所有未结案卷的承诺和期限（Ctrl+D）</translation>
    </message>
    <message>
      <source>1 promise is overdue</source>
      <translation>1 项承诺已逾期</translation>
    </message>
    <message>
      <source>{count} promises are overdue</source>
      <translation>{count} 项承诺已逾期</translation>
    </message>
    <message>
      <source>the time to answer has run out on 1 case</source>
      <translation>1 个案卷的答复期限已过</translation>
    </message>
    <message>
      <source>the time to answer has run out on {count} cases</source>
      <translation>{count} 个案卷的答复期限已过</translation>
    </message>
    <message>
      <source>1 item is due today</source>
      <translation>今天有 1 项到期</translation>
    </message>
    <message>
      <source>{count} items are due today</source>
      <translation>今天有 {count} 项到期</translation>
    </message>
    <message>
      <source>Export due dates to a calendar</source>
      <translation>将到期事项导出到日历</translation>
    </message>
    <message>
      <source>Casebook due dates</source>
      <translation>投诉案卷到期事项</translation>
    </message>
    <message>
      <source>iCalendar files (*.ics);;All files (*)</source>
      <translation>iCalendar 日历文件 (*.ics);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Could not save {path}: {error}</source>
      <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
      <source>{count} due dates saved to {path}. Open the file with your calendar app.</source>
      <translation>已将 {count} 个到期日期保存到 {path}。请用日历 App 打开该文件。</translation>
    </message>
  </context>
  <context>
    <name>DirectoryDialog</name>
    <message>
      <source>Institutions</source>
      <translation>机构名录</translation>
    </message>
    <message>
      <source>Find an institution…</source>
      <translation>查找机构…</translation>
    </message>
    <message>
      <source>Name of a bank, app or body to add</source>
      <translation>要添加的银行、App 或投诉机构名称</translation>
    </message>
    <message>
      <source>Hotline</source>
      <translation>客服热线</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Type the name of the institution to add.</source>
      <translation>请输入要添加的机构名称。</translation>
    </message>
  </context>
  <context>
    <name>DirectoryModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Short name</source>
      <translation>简称</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Hotline</source>
      <translation>客服热线</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
  </context>
  <context>
    <name>DueView</name>
    <message>
      <source>Overdue ({count})</source>
      <translation>已逾期（{count}）</translation>
    </message>
    <message>
      <source>Due today ({count})</source>
      <translation>今天到期（{count}）</translation>
    </message>
    <message>
      <source>Due this week ({count})</source>
      <translation>本周到期（{count}）</translation>
    </message>
    <message>
      <source>Later ({count})</source>
      <translation>尚未到期（{count}）</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>到期时间</translation>
    </message>
    <message>
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message numerus="yes">
      <source>%n item(s), {overdue} overdue</source>
      <translation>
        <numerusform>共 %n 项，{overdue} 项已逾期</numerusform>
      </translation>
    </message>
    <message>
      <source>Promise: {text}</source>
      <translation>承诺：{text}</translation>
    </message>
    <message>
      <source>Export to calendar…</source>
      <translation>导出到日历…</translation>
    </message>
    <message>
      <source>Save these dates as an .ics file for your phone or calendar app, with reminders</source>
      <translation>将这些日期保存为带提醒的 .ics 文件，可导入手机或日历 App</translation>
    </message>
    <message>
      <source>Nothing is due. Promises with a due time and the regulator's deadlines of your open cases will appear here.</source>
      <translation>没有到期事项。未结案卷中设有期限的承诺和监管期限会显示在这里。</translation>
    </message>
  </context>
  <context>
    <name>Duration</name>
    <message>
      <source>{s} s</source>
      <translation>{s} 秒</translation>
    </message>
    <message>
      <source>{m} min</source>
      <translation>{m} 分钟</translation>
    </message>
    <message>
      <source>{h} h</source>
      <translation>{h} 小时</translation>
    </message>
    <message>
      <source>{h} h {m} min</source>
      <translation>{h} 小时 {m} 分钟</translation>
    </message>
  </context>
  <context>
    <name>EscalateDialog</name>
    <message>
      <source>Escalate “{title}”</source>
      <translation>升级投诉“{title}”</translation>
    </message>
    <message>
      <source>When you have filed it</source>
      <translation>提交投诉之后</translation>
    </message>
    <message>
      <source>The number the body gave you (optional)</source>
      <translation>受理机构给您的编号（选填）</translation>
    </message>
    <message>
      <source>Set the case's status to “Escalated”</source>
      <translation>将案卷状态设为“已升级投诉”</translation>
    </message>
    <message>
      <source>I have filed it</source>
      <translation>我已提交</translation>
    </message>
    <message>
      <source>Put the filing on the timeline (Ctrl+Z undoes it)</source>
      <translation>把这次投诉记入时间线（按 Ctrl+Z 可撤销）</translation>
    </message>
    <message>
      <source>Reference no.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Filed at</source>
      <translation>提交时间</translation>
    </message>
    <message>
      <source>No complaint body is known for this case's jurisdiction. The letter leaves the addressee blank.</source>
      <translation>尚不清楚此案卷适用地区的投诉受理机构，信中的收信方将留空。</translation>
    </message>
    <message>
      <source>hotline {number}</source>
      <translation>热线 {number}</translation>
    </message>
    <message>
      <source>Next step: complain to {body}</source>
      <translation>下一步：向{body}投诉</translation>
    </message>
    <message>
      <source>No regulator clock runs for this case yet; you may still complain if the institution does not deal with it.</source>
      <translation>此案卷尚未开始计算监管时限；如果机构不处理，您仍然可以投诉。</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>理由</translation>
    </message>
    <message>
      <source>Regulator case no.</source>
      <translation>监管受理号</translation>
    </message>
    <message>
      <source>Complaint filed with {body}</source>
      <translation>已向{body}提交投诉</translation>
    </message>
    <message>
      <source>Complaint filed with the regulator</source>
      <translation>已向监管机构提交投诉</translation>
    </message>
    <message>
      <source>Filed ✓</source>
      <translation>已提交 ✓</translation>
    </message>
    <message>
      <source>The filing is on the timeline. Ctrl+Z in the main window undoes it.</source>
      <translation>这次投诉已记入时间线。在主窗口按 Ctrl+Z 可撤销。</translation>
    </message>
  </context>
  <context>
    <name>EventChoiceDelegate</name>
    <message>
      <source>— the case as a whole —</source>
      <translation>— 整个案卷 —</translation>
    </message>
  </context>
  <context>
    <name>EventEditor</name>
    <message>
      <source>Entry</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>In one line: what happened (required)</source>
      <translation>一句话概括发生了什么（必填）</translation>
    </message>
    <message>
      <source>min:sec</source>
      <translation>分:秒</translation>
    </message>
    <message>
      <source>How long the call took, as minutes:seconds (12:30). A single number is minutes. Leave empty if you do not know.</source>
      <translation>通话时长，格式为“分:秒”（如 12:30）。只填一个数字表示分钟数。不清楚可留空。</translation>
    </message>
    <message>
      <source>What you said, what they answered, what they asked you to do…</source>
      <translation>您说了什么，对方如何答复，要求您做什么…</translation>
    </message>
    <message>
      <source>&amp;When</source>
      <translation>时间(&amp;W)</translation>
    </message>
    <message>
      <source>C&amp;hannel</source>
      <translation>渠道(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Direction</source>
      <translation>方向(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Summary</source>
      <translation>摘要(&amp;S)</translation>
    </message>
    <message>
      <source>De&amp;tails</source>
      <translation>详情(&amp;T)</translation>
    </message>
    <message>
      <source>Complaint, ticket or case numbers you were given. Type in a cell to change it; Delete clears it.</source>
      <translation>对方提供的投诉号、工单号或受理号。在单元格中输入即可修改；按 Delete 键清除。</translation>
    </message>
    <message>
      <source>Add number</source>
      <translation>添加编号</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>What they promised (a callback, an answer, a refund) and by when. Type in a cell to change it; Delete clears it.</source>
      <translation>对方承诺了什么（回电、答复、退款）以及期限。在单元格中输入即可修改；按 Delete 键清除。</translation>
    </message>
    <message>
      <source>Add promise</source>
      <translation>添加承诺</translation>
    </message>
    <message>
      <source>&amp;Reference numbers</source>
      <translation>编号(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Promises</source>
      <translation>承诺(&amp;P)</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Number dialled</source>
      <translation>拨打的号码</translation>
    </message>
    <message>
      <source>Agent's name</source>
      <translation>客服人员姓名</translation>
    </message>
    <message>
      <source>The name the agent gave, if any</source>
      <translation>客服人员自报的姓名（如有）</translation>
    </message>
    <message>
      <source>Agent's ID</source>
      <translation>客服工号</translation>
    </message>
    <message>
      <source>Employee or agent number</source>
      <translation>员工号或客服工号</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>Caller's number</source>
      <translation>来电号码</translation>
    </message>
    <message>
      <source>The number that called you</source>
      <translation>给您打电话的号码</translation>
    </message>
    <message>
      <source>Caller's name</source>
      <translation>来电人姓名</translation>
    </message>
    <message>
      <source>The name the caller gave</source>
      <translation>来电人自报的姓名</translation>
    </message>
    <message>
      <source>Caller's ID</source>
      <translation>来电人工号</translation>
    </message>
    <message>
      <source>Employee number, if given</source>
      <translation>工号（如对方提供）</translation>
    </message>
    <message>
      <source>Branch / address</source>
      <translation>网点/地址</translation>
    </message>
    <message>
      <source>Branch name and address</source>
      <translation>网点名称和地址</translation>
    </message>
    <message>
      <source>Staff name</source>
      <translation>工作人员姓名</translation>
    </message>
    <message>
      <source>Who you spoke to</source>
      <translation>接待您的人</translation>
    </message>
    <message>
      <source>Staff ID</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Employee number or badge</source>
      <translation>工号或工牌号</translation>
    </message>
    <message>
      <source>From</source>
      <translation>发件人</translation>
    </message>
    <message>
      <source>Sender's address</source>
      <translation>发件人地址</translation>
    </message>
    <message>
      <source>To</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Recipients' addresses</source>
      <translation>收件人地址</translation>
    </message>
    <message>
      <source>Cc</source>
      <translation>抄送</translation>
    </message>
    <message>
      <source>Optional</source>
      <translation>选填</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>Postal address</source>
      <translation>邮寄地址</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>The number it came from or was sent to</source>
      <translation>发送方或接收方的号码</translation>
    </message>
    <message>
      <source>Sender's number</source>
      <translation>发信号码</translation>
    </message>
    <message>
      <source>The number it came from</source>
      <translation>短信来自哪个号码</translation>
    </message>
    <message>
      <source>Web address (URL) of the page or form</source>
      <translation>页面或表单的网址（URL）</translation>
    </message>
    <message>
      <source>The app, and the page or menu used</source>
      <translation>App 名称，以及所用的页面或菜单</translation>
    </message>
    <message>
      <source>Official account or mini-program</source>
      <translation>公众号或小程序</translation>
    </message>
    <message>
      <source>Platform, account or link to the post</source>
      <translation>平台、账号或帖子链接</translation>
    </message>
    <message>
      <source>Body / hotline</source>
      <translation>机构/热线</translation>
    </message>
    <message>
      <source>Which body, and its hotline or website (e.g. 12378)</source>
      <translation>哪个机构，以及其热线或网站（例如 12378）</translation>
    </message>
    <message>
      <source>Case handler</source>
      <translation>经办人</translation>
    </message>
    <message>
      <source>Who is handling your case, if known</source>
      <translation>负责处理您投诉的人员（如知道）</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Email from</source>
      <translation>邮件发件人</translation>
    </message>
    <message>
      <source>Email to</source>
      <translation>邮件收件人</translation>
    </message>
    <message>
      <source>Email cc</source>
      <translation>邮件抄送</translation>
    </message>
    <message>
      <source>Complaint no.</source>
      <translation>投诉号</translation>
    </message>
    <message>
      <source>Ticket no.</source>
      <translation>工单号</translation>
    </message>
    <message>
      <source>Regulator case no.</source>
      <translation>监管受理号</translation>
    </message>
    <message>
      <source>Transaction no.</source>
      <translation>交易流水号</translation>
    </message>
    <message>
      <source>Write a one-line summary to save this entry.</source>
      <translation>请先填写一句话摘要，再保存这条记录。</translation>
    </message>
  </context>
  <context>
    <name>EvidenceModel</name>
    <message>
      <source>Email</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <source>Email (Outlook)</source>
      <translation>电子邮件（Outlook）</translation>
    </message>
    <message>
      <source>PDF document</source>
      <translation>PDF 文档</translation>
    </message>
    <message>
      <source>Image ({format})</source>
      <translation>图片（{format}）</translation>
    </message>
    <message>
      <source>Audio recording</source>
      <translation>录音</translation>
    </message>
    <message>
      <source>Video</source>
      <translation>视频</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文本</translation>
    </message>
    <message>
      <source>Document</source>
      <translation>文档</translation>
    </message>
    <message>
      <source>Spreadsheet</source>
      <translation>电子表格</translation>
    </message>
    <message>
      <source>Archive</source>
      <translation>压缩包</translation>
    </message>
    <message>
      <source>File</source>
      <translation>文件</translation>
    </message>
    <message>
      <source>File ({format})</source>
      <translation>文件（{format}）</translation>
    </message>
    <message>
      <source>Exhibit</source>
      <translation>证据编号</translation>
    </message>
    <message>
      <source>Caption</source>
      <translation>说明</translation>
    </message>
    <message>
      <source>What it proves</source>
      <translation>证明目的</translation>
    </message>
    <message>
      <source>Original file</source>
      <translation>原始文件</translation>
    </message>
    <message>
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Captured</source>
      <translation>形成时间</translation>
    </message>
    <message>
      <source>Timeline entry</source>
      <translation>关联记录</translation>
    </message>
    <message>
      <source>Double-click to describe what this shows</source>
      <translation>双击填写这份证据显示的内容</translation>
    </message>
    <message>
      <source>Double-click to say what this proves (证明目的)</source>
      <translation>双击填写证明目的</translation>
    </message>
    <message>
      <source>Belongs to the case as a whole. Drag the row onto a timeline entry to attach it there.</source>
      <translation>属于整个案卷。把这一行拖到时间线上的某条记录，即可关联到该记录。</translation>
    </message>
    <message>
      <source>Double-click to set when it was made</source>
      <translation>双击可设置形成时间（截图或拍摄的时间）</translation>
    </message>
    <message>
      <source>When it was made is not known.</source>
      <translation>形成时间未知。</translation>
    </message>
    <message>
      <source>Where this time came from was not recorded.</source>
      <translation>未记录此时间的来源。</translation>
    </message>
  </context>
  <context>
    <name>EvidencePanel</name>
    <message>
      <source>{count} calls added to the timeline. Undo with Ctrl+Z.</source>
      <translation>已向时间线添加 {count} 条来电。可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>{exhibit} — {name}, page {page} of {pages}</source>
      <translation>{exhibit} — {name}，第 {page} / {pages} 页</translation>
    </message>
    <message>
      <source>Could not open {name}: {error}</source>
      <translation>无法打开 {name}：{error}</translation>
    </message>
    <message>
      <source>No program on this computer opens {name}</source>
      <translation>这台电脑上没有可以打开 {name} 的程序</translation>
    </message>
    <message>
      <source>Removed {exhibits}. Undo with Ctrl+Z.</source>
      <translation>已移除 {exhibits}。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
      <source>Add evidence…</source>
      <translation>添加证据…</translation>
    </message>
    <message>
      <source>Choose files to keep with this case (Ctrl+Shift+A)</source>
      <translation>选择要保存到本案卷的文件（Ctrl+Shift+A）</translation>
    </message>
    <message>
      <source>Show image</source>
      <translation>查看图片</translation>
    </message>
    <message>
      <source>Open original</source>
      <translation>打开原始文件</translation>
    </message>
    <message>
      <source>Open the file kept in the case with the system's program</source>
      <translation>用系统程序打开案卷中保存的文件</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>Capture time…</source>
      <translation>形成时间…</translation>
    </message>
    <message>
      <source>Say when the selected exhibit was made</source>
      <translation>填写所选证据的形成时间（截图或拍摄的时间）</translation>
    </message>
    <message>
      <source>Add calls from this call log…</source>
      <translation>从通话记录截图添加来电…</translation>
    </message>
    <message>
      <source>The screenshot shows the phone's call log: add its calls to the timeline as unsolicited calls</source>
      <translation>这张截图是手机通话记录：把其中的来电作为骚扰来电加入时间线</translation>
    </message>
    <message>
      <source>Double-click a caption to edit it · drag a row onto a timeline entry to attach it there</source>
      <translation>双击说明即可编辑 · 把某一行拖到时间线的记录上，即可关联到该记录</translation>
    </message>
    <message>
      <source>No evidence yet.

Drag screenshots, emails, statements or recordings here or onto a timeline entry,
or press Ctrl+V to paste a screenshot.</source>
      <translation>还没有证据。

把截图、邮件、对账单或录音拖到这里或时间线的某条记录上，
或按 Ctrl+V 粘贴截图。</translation>
    </message>
  </context>
  <context>
    <name>ExhibitEdits</name>
    <message>
      <source>Set the capture time of {exhibit}</source>
      <translation>设置 {exhibit} 的形成时间</translation>
    </message>
    <message>
      <source>Redact {exhibit}</source>
      <translation>遮盖 {exhibit}</translation>
    </message>
    <message>
      <source>Clear the redaction of {exhibit}</source>
      <translation>取消 {exhibit} 的遮盖</translation>
    </message>
    <message>
      <source>Add number {value} from {exhibit}</source>
      <translation>添加 {exhibit} 中的编号 {value}</translation>
    </message>
    <message>
      <source>Agent's ID {value} from {exhibit}</source>
      <translation>采用 {exhibit} 中的工号 {value}</translation>
    </message>
    <message>
      <source>Contact {value} from {exhibit}</source>
      <translation>采用 {exhibit} 中的联系电话 {value}</translation>
    </message>
    <message>
      <source>Entry time from {exhibit}</source>
      <translation>采用 {exhibit} 中的时间作为记录时间</translation>
    </message>
    <message>
      <source>Amount {value} from {exhibit}</source>
      <translation>采用 {exhibit} 中的金额 {value}</translation>
    </message>
    <message>
      <source>{exhibit} belongs to no timeline entry</source>
      <translation>{exhibit} 不属于任何时间线记录</translation>
    </message>
    <message>
      <source>Add {count} calls from {exhibit}</source>
      <translation>从 {exhibit} 添加 {count} 条来电</translation>
    </message>
  </context>
  <context>
    <name>ExhibitSide</name>
    <message>
      <source>Not read yet: the text in this picture has not been recognised.</source>
      <translation>文字尚未识别：这张图片中的文字还没有被识别。</translation>
    </message>
    <message>
      <source>Could not be read: {problem}</source>
      <translation>无法识别：{problem}</translation>
    </message>
    <message>
      <source>No text was found in this picture.</source>
      <translation>这张图片中没有找到文字。</translation>
    </message>
    <message>
      <source>Read {when}. Select text to copy it (Ctrl+C).</source>
      <translation>识别于 {when}。选中文字即可复制（Ctrl+C）。</translation>
    </message>
    <message>
      <source>On the entry: {when} · {summary}</source>
      <translation>所属记录：{when} · {summary}</translation>
    </message>
    <message>
      <source>{exhibit} is on no timeline entry, so its numbers cannot go to one.</source>
      <translation>{exhibit} 尚未关联任何时间线记录，因此其中的编号无法加到记录上。</translation>
    </message>
    <message>
      <source>Link the exhibit to a timeline entry first.</source>
      <translation>请先把这份证据关联到一条时间线记录。</translation>
    </message>
    <message>
      <source>{what} {value}: done. Undo with Ctrl+Z.</source>
      <translation>{what} {value}：已完成。可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>Text in the picture</source>
      <translation>图片中的文字</translation>
    </message>
    <message>
      <source>Found in the picture</source>
      <translation>图片中发现</translation>
    </message>
    <message>
      <source>Link to this entry</source>
      <translation>关联到这条记录</translation>
    </message>
    <message>
      <source>No reference numbers, IDs, amounts or times found.</source>
      <translation>未发现编号、工号、金额或时间。</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <source>Export dossier</source>
      <translation>导出证据材料</translation>
    </message>
    <message>
      <source>Language of the dossier</source>
      <translation>证据材料语言</translation>
    </message>
    <message>
      <source>Paper</source>
      <translation>纸张</translation>
    </message>
    <message>
      <source>Size limit</source>
      <translation>限制文件大小</translation>
    </message>
    <message>
      <source>Keep the file under</source>
      <translation>不超过</translation>
    </message>
    <message>
      <source>Complaint portals cap uploads (the UK Legal Ombudsman: 18 MB in all). Images are made smaller until the file fits.</source>
      <translation>投诉平台对上传文件的大小有限制（例如英国法律监察专员：总共 18 MB）。系统会缩小图片，直到文件符合限制。</translation>
    </message>
    <message>
      <source>Add a line of each picture's text to the list of evidence</source>
      <translation>在证据目录中为每张图片加一行内容摘要</translation>
    </message>
    <message>
      <source>Under each exhibit in the list of evidence, the start of the text read from its picture (内容摘要), so a reader sees what each shows before turning to it.</source>
      <translation>在证据目录的每份证据下方列出从其图片中识别出的文字开头（内容摘要），让阅读者翻到证据之前就知道它显示了什么。</translation>
    </message>
    <message>
      <source>On the cover</source>
      <translation>封面上</translation>
    </message>
    <message>
      <source>Mask my phone number (138****5678)</source>
      <translation>隐去我的手机号中间四位（138****5678）</translation>
    </message>
    <message>
      <source>Mask my address (only the city and district show)</source>
      <translation>隐去我的详细地址（只显示省、市、区）</translation>
    </message>
    <message>
      <source>The ID number is always masked. Mask your phone number and address too when the dossier goes to someone who need not reach you directly.</source>
      <translation>身份证号始终隐去部分数字。材料交给无需直接联系您的人时，可同时隐去手机号和地址。</translation>
    </message>
    <message>
      <source>Save as</source>
      <translation>保存位置</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <source>Exhibits to include</source>
      <translation>要包含的证据</translation>
    </message>
    <message>
      <source>All</source>
      <translation>全选</translation>
    </message>
    <message>
      <source>None</source>
      <translation>全不选</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>This case has no evidence yet.</source>
      <translation>此案卷还没有证据。</translation>
    </message>
    <message numerus="yes">
      <source>{count} of %n exhibit(s)</source>
      <translation>
        <numerusform>已选 {count} 项，共 %n 项证据</numerusform>
      </translation>
    </message>
    <message>
      <source>Save the dossier as</source>
      <translation>证据材料另存为</translation>
    </message>
    <message>
      <source>PDF documents (*.pdf)</source>
      <translation>PDF 文档 (*.pdf)</translation>
    </message>
    <message>
      <source>Choose where to save the dossier.</source>
      <translation>请选择证据材料的保存位置。</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist: choose another.</source>
      <translation>文件夹 {folder} 不存在：请另选一个。</translation>
    </message>
    <message>
      <source>The folder {folder} cannot be made: {reason}</source>
      <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
      <source>Replace the file?</source>
      <translation>要替换文件吗？</translation>
    </message>
    <message>
      <source>{name} exists already. Replace it?</source>
      <translation>{name} 已存在。要替换它吗？</translation>
    </message>
    <message>
      <source>Making the dossier…</source>
      <translation>正在生成证据材料…</translation>
    </message>
    <message>
      <source>Export cancelled; no file was written.</source>
      <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
      <source>The dossier was not made: {reason}</source>
      <translation>未能生成证据材料：{reason}</translation>
    </message>
    <message>
      <source>The dossier was not made</source>
      <translation>未生成案卷</translation>
    </message>
    <message numerus="yes">
      <source>Verify found %n problem(s) in this case's evidence or in the change log, so the dossier was not made. Tools → Verify… lists them for the whole book.</source>
      <translation>
        <numerusform>检查发现本案证据或修改记录中有 %n 个问题，因此未生成案卷材料。“工具 → 检查证据是否完好…”会列出整个案卷库的问题。</numerusform>
      </translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
  <context>
    <name>FactsModel</name>
    <message>
      <source>Reference number</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Agent's ID</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Hotline</source>
      <translation>客服热线</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Bank card (private)</source>
      <translation>银行卡号（隐私）</translation>
    </message>
    <message>
      <source>ID number (private)</source>
      <translation>身份证号（隐私）</translation>
    </message>
    <message>
      <source>No entry: link it first</source>
      <translation>无所属记录：请先关联</translation>
    </message>
    <message>
      <source>✓ on the entry</source>
      <translation>✓ 已在记录中</translation>
    </message>
    <message>
      <source>✓ the entry's agent ID</source>
      <translation>✓ 已是记录的工号</translation>
    </message>
    <message>
      <source>✓ the entry's contact</source>
      <translation>✓ 已是记录的联系电话</translation>
    </message>
    <message>
      <source>✓ the entry's time</source>
      <translation>✓ 已是记录的时间</translation>
    </message>
    <message>
      <source>✓ the case's amount</source>
      <translation>✓ 已是案卷金额</translation>
    </message>
    <message>
      <source>✓ the capture time</source>
      <translation>✓ 已是形成时间</translation>
    </message>
    <message>
      <source>Add to the entry's numbers</source>
      <translation>加入记录的编号</translation>
    </message>
    <message>
      <source>Make it the entry's agent ID</source>
      <translation>设为记录的工号</translation>
    </message>
    <message>
      <source>Make it the entry's contact</source>
      <translation>设为记录的联系电话</translation>
    </message>
    <message>
      <source>Make it the entry's time</source>
      <translation>设为记录的时间</translation>
    </message>
    <message>
      <source>Make it the case's amount</source>
      <translation>设为案卷金额</translation>
    </message>
    <message>
      <source>Make it the capture time</source>
      <translation>设为形成时间</translation>
    </message>
    <message>
      <source>Found</source>
      <translation>发现</translation>
    </message>
    <message>
      <source>Value</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Other action</source>
      <translation>其他操作</translation>
    </message>
    <message>
      <source>This picture shows a private number. Think before you share it; Casebook puts it nowhere.</source>
      <translation>这张图片显示了隐私号码。分享前请三思；投诉案卷不会把它填到任何地方。</translation>
    </message>
    <message>
      <source>Click, or press Enter, to do this. Undo with Ctrl+Z.</source>
      <translation>单击或按回车执行。可按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>Private: not copied anywhere</source>
      <translation>隐私：不会被复制到任何地方</translation>
    </message>
  </context>
  <context>
    <name>FoundFactsStrip</name>
    <message>
      <source>Found in your notes:</source>
      <translation>在备注中找到：</translation>
    </message>
    <message>
      <source>Add number {value}</source>
      <translation>添加编号 {value}</translation>
    </message>
    <message>
      <source>Agent's ID {value}</source>
      <translation>客服工号 {value}</translation>
    </message>
    <message>
      <source>Time {value}</source>
      <translation>时间 {value}</translation>
    </message>
    <message>
      <source>Number {value}</source>
      <translation>号码 {value}</translation>
    </message>
    <message>
      <source>Add it to this entry's reference numbers</source>
      <translation>添加到本条记录的编号中</translation>
    </message>
    <message>
      <source>Put it in the agent's ID field</source>
      <translation>填入客服工号一栏</translation>
    </message>
    <message>
      <source>Make it this entry's time</source>
      <translation>设为本条记录的时间</translation>
    </message>
    <message>
      <source>A hotline: put it in the contact field</source>
      <translation>客服热线：填入联系方式一栏</translation>
    </message>
    <message>
      <source>Put it in the contact field</source>
      <translation>填入联系方式一栏</translation>
    </message>
  </context>
  <context>
    <name>FrequencyChart</name>
    <message>
      <source>No unsolicited calls or messages logged yet.
Log one with Ctrl+U when it comes.</source>
      <translation>还没有记录骚扰来电或短信。
收到时按 Ctrl+U 记录。</translation>
    </message>
    <message>
      <source>Calls and messages</source>
      <translation>来电和短信</translation>
    </message>
    <message>
      <source>Day</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Week starting on Monday</source>
      <translation>周（从周一开始）</translation>
    </message>
    <message>
      <source>Week of {date}: {count}</source>
      <translation>{date} 起的一周：{count} 次</translation>
    </message>
    <message>
      <source>{date}: {count}</source>
      <translation>{date}：{count} 次</translation>
    </message>
  </context>
  <context>
    <name>ImageViewer</name>
    <message>
      <source>This image cannot be shown ({reason}). The file is kept as it is; use “Open original” to open it with another program.</source>
      <translation>无法显示此图片（{reason}）。文件已原样保存；可点击“打开原始文件”，用其他程序打开。</translation>
    </message>
    <message numerus="yes">
      <source>%n area(s) will be black in the dossier; the original is unchanged.</source>
      <translation>
        <numerusform>证据材料中将遮盖 %n 处；原文件未改动。</numerusform>
      </translation>
    </message>
    <message>
      <source>The dossier shows this picture whole again.</source>
      <translation>证据材料将重新完整显示这张图片。</translation>
    </message>
    <message>
      <source>◀ Previous</source>
      <translation>◀ 上一张</translation>
    </message>
    <message>
      <source>Next ▶</source>
      <translation>下一张 ▶</translation>
    </message>
    <message>
      <source>Zoom out (Ctrl+−, Ctrl+wheel)</source>
      <translation>缩小（Ctrl+−，Ctrl+滚轮）</translation>
    </message>
    <message>
      <source>Zoom in (Ctrl++, Ctrl+wheel)</source>
      <translation>放大（Ctrl++，Ctrl+滚轮）</translation>
    </message>
    <message>
      <source>Fit</source>
      <translation>适应窗口</translation>
    </message>
    <message>
      <source>Fit the image to the window (Ctrl+0)</source>
      <translation>使图片适应窗口大小（Ctrl+0）</translation>
    </message>
    <message>
      <source>100%</source>
      <translation>100%</translation>
    </message>
    <message>
      <source>Actual size (Ctrl+1)</source>
      <translation>实际大小（Ctrl+1）</translation>
    </message>
    <message>
      <source>Open original</source>
      <translation>打开原始文件</translation>
    </message>
    <message>
      <source>Open the file with the system's program</source>
      <translation>用系统程序打开文件</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Redact…</source>
      <translation>遮盖…</translation>
    </message>
    <message>
      <source>Black out what the regulator need not see, in the dossier's copy (R)</source>
      <translation>在证据材料所用的副本中遮盖监管机构无需看到的内容（R）</translation>
    </message>
  </context>
  <context>
    <name>Jobs</name>
    <message>
      <source>Something went wrong: {error}</source>
      <translation>出错了：{error}</translation>
    </message>
  </context>
  <context>
    <name>LetterDialog</name>
    <message>
      <source>Complaint letter</source>
      <translation>投诉信</translation>
    </message>
    <message>
      <source>Chaser letter</source>
      <translation>催办函</translation>
    </message>
    <message>
      <source>The letter's language (each keeps your edits)</source>
      <translation>信函语言（每种语言各自保留您的修改）</translation>
    </message>
    <message>
      <source>Edit the letter as you like; blanks (____) are yours to fill in.</source>
      <translation>信函可以随意修改；空白处（____）请您自行填写。</translation>
    </message>
    <message>
      <source>Copy</source>
      <translation>复制</translation>
    </message>
    <message>
      <source>Print…</source>
      <translation>打印…</translation>
    </message>
    <message>
      <source>Save as…</source>
      <translation>另存为…</translation>
    </message>
    <message>
      <source>Language</source>
      <translation>语言</translation>
    </message>
    <message>
      <source>Copied. Paste it into the complaint form or an email.</source>
      <translation>已复制。可粘贴到投诉表单或邮件中。</translation>
    </message>
    <message>
      <source>Print the letter</source>
      <translation>打印信函</translation>
    </message>
    <message>
      <source>Sent to the printer.</source>
      <translation>已发送到打印机。</translation>
    </message>
    <message>
      <source>Save the letter</source>
      <translation>保存信函</translation>
    </message>
    <message>
      <source>Text files (*.txt);;All files (*)</source>
      <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Could not save {path}: {error}</source>
      <translation>无法保存 {path}：{error}</translation>
    </message>
    <message>
      <source>Saved to {path}</source>
      <translation>已保存到 {path}</translation>
    </message>
    <message>
      <source>Your edits are not saved. Close again to discard them, or copy, print or save the letter first.</source>
      <translation>您的修改尚未保存。再次关闭将放弃这些修改；也可以先复制、打印或保存信函。</translation>
    </message>
  </context>
  <context>
    <name>LockActions</name>
    <message>
      <source>&amp;Passphrase</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Set a passphrase…</source>
      <translation>设置密码(&amp;S)…</translation>
    </message>
    <message>
      <source>Encrypt this book: it will open only with the passphrase</source>
      <translation>加密此案卷库：以后只有输入密码才能打开</translation>
    </message>
    <message>
      <source>&amp;Change the passphrase…</source>
      <translation>更改密码(&amp;C)…</translation>
    </message>
    <message>
      <source>&amp;Remove the passphrase…</source>
      <translation>去除密码(&amp;R)…</translation>
    </message>
    <message>
      <source>Decrypt this book: it will open without one</source>
      <translation>解密此案卷库：以后无需密码即可打开</translation>
    </message>
    <message>
      <source>&amp;Lock now</source>
      <translation>立即锁定(&amp;L)</translation>
    </message>
    <message>
      <source>Hide the cases and forget the key until the passphrase is typed again</source>
      <translation>隐藏案卷并忘记密钥，直到再次输入密码</translation>
    </message>
    <message>
      <source>Lock after &amp;idle…</source>
      <translation>闲置后锁定(&amp;I)…</translation>
    </message>
    <message>
      <source>Lock after idle</source>
      <translation>闲置后锁定</translation>
    </message>
    <message>
      <source>Lock the window after this many minutes without use (0: never):</source>
      <translation>窗口闲置多少分钟后锁定（0：从不）：</translation>
    </message>
    <message>
      <source>Casebook is still working on this book: try again when it has finished.</source>
      <translation>投诉案卷仍在处理此案卷库：请等它完成后再试。</translation>
    </message>
    <message>
      <source>Encrypting the book…</source>
      <translation>正在加密案卷库…</translation>
    </message>
    <message>
      <source>Decrypting the book…</source>
      <translation>正在解密案卷库…</translation>
    </message>
    <message>
      <source>Changing the passphrase…</source>
      <translation>正在更改密码…</translation>
    </message>
    <message>
      <source>Casebook</source>
      <translation>投诉案卷</translation>
    </message>
    <message>
      <source>The book is encrypted: it opens only with its passphrase.</source>
      <translation>案卷库已加密：只有输入密码才能打开。</translation>
    </message>
    <message>
      <source>The passphrase is removed: the book is no longer encrypted.</source>
      <translation>密码已去除：案卷库不再加密。</translation>
    </message>
    <message>
      <source>The passphrase is changed.</source>
      <translation>密码已更改。</translation>
    </message>
    <message>
      <source>The book was not changed</source>
      <translation>案卷库未做任何更改</translation>
    </message>
  </context>
  <context>
    <name>LockScreen</name>
    <message>
      <source>Casebook is locked. Its passphrase opens it again.</source>
      <translation>投诉案卷已锁定。输入密码即可重新打开。</translation>
    </message>
    <message>
      <source>&amp;Unlock…</source>
      <translation>解锁(&amp;U)…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>&amp;New case…</source>
      <translation>新建案卷(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;Edit case…</source>
      <translation>编辑案卷(&amp;E)…</translation>
    </message>
    <message>
      <source>Delete case…</source>
      <translation>删除案卷…</translation>
    </message>
    <message>
      <source>&amp;Add entry…</source>
      <translation>添加记录(&amp;A)…</translation>
    </message>
    <message>
      <source>&amp;Edit entry…</source>
      <translation>编辑记录(&amp;E)…</translation>
    </message>
    <message>
      <source>&amp;Delete entry</source>
      <translation>删除记录(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Institutions…</source>
      <translation>机构名录(&amp;I)…</translation>
    </message>
    <message>
      <source>End ca&amp;ll</source>
      <translation>结束通话(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Log a call</source>
      <translation>记录通话(&amp;L)</translation>
    </message>
    <message>
      <source>New case</source>
      <translation>新建案卷</translation>
    </message>
    <message>
      <source>Case created</source>
      <translation>案卷已创建</translation>
    </message>
    <message>
      <source>A sample case: look around, then delete it (Edit → Delete case)</source>
      <translation>这是示例案卷：随便看看，看完可删除（编辑 → 删除案卷）</translation>
    </message>
    <message>
      <source>Edit case</source>
      <translation>编辑案卷</translation>
    </message>
    <message>
      <source>Delete case</source>
      <translation>删除案卷</translation>
    </message>
    <message>
      <source>Delete the case “{title}” with its {count} entries?
You can undo this with Ctrl+Z until you close Casebook.</source>
      <translation>要删除案卷“{title}”及其 {count} 条记录吗？
在关闭投诉案卷之前，都可以按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>New entry</source>
      <translation>新建记录</translation>
    </message>
    <message>
      <source>Edit entry</source>
      <translation>编辑记录</translation>
    </message>
    <message>
      <source>Entry deleted. Undo with Ctrl+Z.</source>
      <translation>记录已删除。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
      <source>Log call</source>
      <translation>记录通话</translation>
    </message>
    <message>
      <source>Log the call</source>
      <translation>记录本次通话</translation>
    </message>
    <message>
      <source>E&amp;xport dossier…</source>
      <translation>导出证据材料(&amp;X)…</translation>
    </message>
    <message>
      <source>Make this case's evidence dossier as a PDF, then preview and print it (Ctrl+P)</source>
      <translation>将本案卷的证据材料生成 PDF，然后预览和打印（Ctrl+P）</translation>
    </message>
    <message>
      <source>Your &amp;details…</source>
      <translation>个人信息(&amp;D)…</translation>
    </message>
    <message>
      <source>Dossier saved in {count} volumes to fit its size: {files}</source>
      <translation>证据材料已分为 {count} 卷保存，以符合大小限制：{files}</translation>
    </message>
    <message>
      <source>Dossier saved: {path} ({pages} pages)</source>
      <translation>证据材料已保存：{path}（共 {pages} 页）</translation>
    </message>
    <message>
      <source>&amp;Add evidence…</source>
      <translation>添加证据(&amp;A)…</translation>
    </message>
    <message>
      <source>&amp;Paste screenshot or files</source>
      <translation>粘贴截图或文件(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Show image</source>
      <translation>查看图片(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Open original</source>
      <translation>打开原始文件(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Remove evidence</source>
      <translation>移除证据(&amp;R)</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Attach to this entry</source>
      <translation>关联到这条记录</translation>
    </message>
    <message>
      <source>Add to the case</source>
      <translation>添加到案卷</translation>
    </message>
    <message>
      <source>Keep for the case as a whole</source>
      <translation>改为归属整个案卷</translation>
    </message>
    <message>
      <source>Add to this case</source>
      <translation>添加到本案卷</translation>
    </message>
    <message>
      <source>{exhibits} now belongs to the case as a whole</source>
      <translation>{exhibits} 现已归属整个案卷</translation>
    </message>
    <message>
      <source>{exhibits} attached to “{entry}”</source>
      <translation>{exhibits} 已关联到“{entry}”</translation>
    </message>
    <message>
      <source>Add evidence</source>
      <translation>添加证据</translation>
    </message>
    <message>
      <source>All files (*);;Images (*.png *.jpg *.jpeg *.heic *.webp *.gif *.bmp);;Emails (*.eml);;PDF documents (*.pdf)</source>
      <translation>所有文件 (*);;图片 (*.png *.jpg *.jpeg *.heic *.webp *.gif *.bmp);;电子邮件 (*.eml);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
      <source>Screenshot {time}</source>
      <translation>截图 {time}</translation>
    </message>
    <message>
      <source>Nothing to paste: copy a screenshot or files first.</source>
      <translation>没有可粘贴的内容：请先复制截图或文件。</translation>
    </message>
    <message>
      <source>Adding evidence…</source>
      <translation>正在添加证据…</translation>
    </message>
    <message>
      <source>Adding evidence: {done} of {total}</source>
      <translation>正在添加证据：{done}/{total}</translation>
    </message>
    <message>
      <source>Stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message numerus="yes">
      <source>%n file(s) added as {exhibits} {where}</source>
      <translation>
        <numerusform>已添加 %n 个文件，编号 {exhibits}，{where}</numerusform>
      </translation>
    </message>
    <message>
      <source>1 email put on the timeline</source>
      <translation>1 封邮件已加入时间线</translation>
    </message>
    <message>
      <source>{count} emails put on the timeline</source>
      <translation>{count} 封邮件已加入时间线</translation>
    </message>
    <message>
      <source>1 already there</source>
      <translation>1 个已存在</translation>
    </message>
    <message>
      <source>{count} already there</source>
      <translation>{count} 个已存在</translation>
    </message>
    <message>
      <source>1 refused: {name} — {reason}</source>
      <translation>1 个未能添加：{name} — {reason}</translation>
    </message>
    <message>
      <source>{count} refused</source>
      <translation>{count} 个未能添加</translation>
    </message>
    <message>
      <source>the stored copy of {name} was damaged and has been repaired from this file</source>
      <translation>已保存的 {name} 副本已损坏，已用此文件修复</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source>Nothing was added</source>
      <translation>没有添加任何文件</translation>
    </message>
    <message>
      <source>Stopped: {summary}</source>
      <translation>已停止：{summary}</translation>
    </message>
    <message>
      <source> — Ctrl+Z takes it back</source>
      <translation>——按 Ctrl+Z 可撤销</translation>
    </message>
    <message>
      <source>on the entry of {time}</source>
      <translation>关联到 {time} 的记录</translation>
    </message>
    <message>
      <source>on the case as a whole</source>
      <translation>属于整个案卷</translation>
    </message>
    <message>
      <source>{name} — {reason}</source>
      <translation>{name} — {reason}</translation>
    </message>
    <message>
      <source>Some files were not added</source>
      <translation>部分文件未能添加</translation>
    </message>
    <message>
      <source>The data folder could be read by other users of this computer; it is now yours only.</source>
      <translation>数据文件夹原先可被这台电脑的其他用户读取，现已改为仅您本人可访问。</translation>
    </message>
    <message>
      <source>About Casebook</source>
      <translation>关于投诉案卷</translation>
    </message>
    <message>
      <source>&lt;b&gt;Casebook {version}&lt;/b&gt; (投诉案卷)&lt;br&gt;Keeps a complaint against a bank, payment app or lender as one case, on this computer only.&lt;br&gt;Data folder: {path}</source>
      <translation>&lt;b&gt;投诉案卷 {version}&lt;/b&gt;（Casebook）&lt;br&gt;把对银行、支付平台或贷款机构的一件投诉整理成一个案卷，数据只保存在本机。&lt;br&gt;数据文件夹：{path}</translation>
    </message>
    <message>
      <source>Installed app (frozen build)</source>
      <translation>已安装的应用（打包版）</translation>
    </message>
    <message>
      <source>Running from source</source>
      <translation>从源代码运行</translation>
    </message>
    <message>
      <source>Casebook — complaint records</source>
      <translation>投诉案卷</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation>时间线(&amp;T)</translation>
    </message>
    <message>
      <source>E&amp;vidence</source>
      <translation>证据(&amp;V)</translation>
    </message>
    <message>
      <source>Vie&amp;w</source>
      <translation>视图(&amp;W)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>T&amp;ools</source>
      <translation>工具(&amp;O)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>Main toolbar</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Newest first</source>
      <translation>最新的在前(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Find case</source>
      <translation>查找案卷(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Search all cases…</source>
      <translation>搜索全部案卷(&amp;S)…</translation>
    </message>
    <message>
      <source>&amp;About Casebook</source>
      <translation>关于投诉案卷(&amp;A)</translation>
    </message>
    <message>
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <source>&amp;Undo {action}</source>
      <translation>撤销 {action}(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo {action}</source>
      <translation>重做 {action}(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <source>Could not save preferences: {error}</source>
      <translation>无法保存偏好设置：{error}</translation>
    </message>
    <message>
      <source>Call in progress</source>
      <translation>通话中</translation>
    </message>
    <message>
      <source>A call is still being timed. Quit without logging it?</source>
      <translation>通话仍在计时。确定不记录就退出吗？</translation>
    </message>
    <message>
      <source>Filter cases…</source>
      <translation>筛选案卷…</translation>
    </message>
    <message>
      <source>+ New case</source>
      <translation>+ 新建案卷</translation>
    </message>
    <message>
      <source>Add entry…</source>
      <translation>添加记录…</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <source>Entry details</source>
      <translation>记录详情</translation>
    </message>
    <message>
      <source>Evidence ({count})</source>
      <translation>证据（{count}）</translation>
    </message>
    <message>
      <source>Select an entry to see it in full. Double-click or press Enter to edit it.</source>
      <translation>选择一条记录可查看完整内容。双击或按 Enter 键可编辑。</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>With</source>
      <translation>对方</translation>
    </message>
    <message>
      <source>Staff ID</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>From</source>
      <translation>发件人</translation>
    </message>
    <message>
      <source>To</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Cc</source>
      <translation>抄送</translation>
    </message>
    <message>
      <source>Reference no.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>due</source>
      <translation>到期</translation>
    </message>
    <message>
      <source>Promise</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Evidence</source>
      <translation>证据</translation>
    </message>
  </context>
  <context>
    <name>Money</name>
    <message>
      <source>{amount} CNY</source>
      <translation>人民币 {amount} 元</translation>
    </message>
  </context>
  <context>
    <name>NotificationBar</name>
    <message>
      <source>Show</source>
      <translation>查看</translation>
    </message>
    <message>
      <source>Hide until something else falls due</source>
      <translation>隐藏，直到有其他事项到期</translation>
    </message>
  </context>
  <context>
    <name>Operations</name>
    <message>
      <source>New case “{title}”</source>
      <translation>新建案卷“{title}”</translation>
    </message>
    <message>
      <source>Delete case “{title}”</source>
      <translation>删除案卷“{title}”</translation>
    </message>
    <message>
      <source>Delete entry “{summary}”</source>
      <translation>删除记录“{summary}”</translation>
    </message>
    <message>
      <source>Edit entry “{summary}”</source>
      <translation>编辑记录“{summary}”</translation>
    </message>
    <message>
      <source>Edit institution “{name}”</source>
      <translation>编辑机构“{name}”</translation>
    </message>
    <message>
      <source>Remove {exhibits}</source>
      <translation>移除证据 {exhibits}</translation>
    </message>
    <message>
      <source>Mark as complaint lodged</source>
      <translation>标记为投诉受理起点</translation>
    </message>
    <message>
      <source>Clear “complaint lodged”</source>
      <translation>清除“投诉受理起点”</translation>
    </message>
    <message>
      <source>Edit case “{title}”</source>
      <translation>编辑案卷“{title}”</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>更改状态</translation>
    </message>
    <message>
      <source>Add entry “{summary}”</source>
      <translation>添加记录“{summary}”</translation>
    </message>
    <message>
      <source>Mark “{promise}” kept</source>
      <translation>将“{promise}”标记为已兑现</translation>
    </message>
    <message>
      <source>Mark “{promise}” broken</source>
      <translation>将“{promise}”标记为未兑现</translation>
    </message>
    <message>
      <source>Mark “{promise}” pending</source>
      <translation>将“{promise}”标记为待兑现</translation>
    </message>
    <message>
      <source>Paste screenshot</source>
      <translation>粘贴截图</translation>
    </message>
    <message>
      <source>Add {exhibits}</source>
      <translation>添加证据 {exhibits}</translation>
    </message>
    <message>
      <source>Add email entry</source>
      <translation>添加邮件记录</translation>
    </message>
    <message>
      <source>Move {exhibits}</source>
      <translation>移动证据 {exhibits}</translation>
    </message>
    <message>
      <source>Edit {exhibits}</source>
      <translation>编辑证据 {exhibits}</translation>
    </message>
  </context>
  <context>
    <name>PassphraseDialog</name>
    <message>
      <source>Current passphrase:</source>
      <translation>当前密码：</translation>
    </message>
    <message>
      <source>New passphrase:</source>
      <translation>新密码：</translation>
    </message>
    <message>
      <source>Type it again:</source>
      <translation>再输入一次：</translation>
    </message>
    <message>
      <source>Set a passphrase</source>
      <translation>设置密码</translation>
    </message>
    <message>
      <source>Change the passphrase</source>
      <translation>更改密码</translation>
    </message>
    <message>
      <source>Remove the passphrase</source>
      <translation>去除密码</translation>
    </message>
    <message>
      <source>Every case and evidence file of this book will be encrypted, and the book will open only with this passphrase.

If you forget this passphrase the book cannot be opened: there is no way back. Write it down and keep it somewhere safe.</source>
      <translation>此案卷库的每个案卷和证据文件都将被加密，以后只有输入这个密码才能打开。

如果忘记了这个密码，案卷库将无法打开：没有任何挽回的办法。请把它写下来，妥善保管。</translation>
    </message>
    <message>
      <source>Set passphrase</source>
      <translation>设置密码</translation>
    </message>
    <message>
      <source>If you forget the new passphrase the book cannot be opened: there is no way back. Write it down and keep it somewhere safe.</source>
      <translation>如果忘记了新密码，案卷库将无法打开：没有任何挽回的办法。请把它写下来，妥善保管。</translation>
    </message>
    <message>
      <source>Change passphrase</source>
      <translation>更改密码</translation>
    </message>
    <message>
      <source>The book will be decrypted: anyone who can use this computer account will be able to read its cases and evidence files.</source>
      <translation>案卷库将被解密：任何能使用这个电脑账户的人都能读取其中的案卷和证据文件。</translation>
    </message>
    <message>
      <source>Remove passphrase</source>
      <translation>去除密码</translation>
    </message>
    <message>
      <source>Type the current passphrase.</source>
      <translation>请输入当前密码。</translation>
    </message>
    <message>
      <source>Type the new passphrase twice.</source>
      <translation>请输入两次新密码。</translation>
    </message>
    <message>
      <source>The two new passphrases are not the same.</source>
      <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
      <source>A short passphrase is easier to guess: a few words are longer and easy to remember.</source>
      <translation>密码太短容易被猜中：用几个词组成的密码更长，也容易记住。</translation>
    </message>
  </context>
  <context>
    <name>PassphraseField</name>
    <message>
      <source>Hide</source>
      <translation>隐藏</translation>
    </message>
    <message>
      <source>Show</source>
      <translation>显示</translation>
    </message>
  </context>
  <context>
    <name>PdfPreview</name>
    <message>
      <source>The file could not be shown: {error}</source>
      <translation>无法显示该文件：{error}</translation>
    </message>
    <message>
      <source>Dossier preview — {name}</source>
      <translation>证据材料预览 — {name}</translation>
    </message>
    <message>
      <source>Preview toolbar</source>
      <translation>预览工具栏</translation>
    </message>
    <message>
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <source>Open in system viewer</source>
      <translation>用系统查看器打开</translation>
    </message>
    <message>
      <source>Show in folder</source>
      <translation>在文件夹中显示</translation>
    </message>
    <message>
      <source>‹ Previous</source>
      <translation>‹ 上一页</translation>
    </message>
    <message>
      <source>Previous page (Page Up)</source>
      <translation>上一页（Page Up）</translation>
    </message>
    <message>
      <source>Next ›</source>
      <translation>下一页 ›</translation>
    </message>
    <message>
      <source>Next page (Page Down)</source>
      <translation>下一页（Page Down）</translation>
    </message>
    <message>
      <source>Zoom in (Ctrl++)</source>
      <translation>放大（Ctrl++）</translation>
    </message>
    <message>
      <source>Zoom out (Ctrl+-)</source>
      <translation>缩小（Ctrl+-）</translation>
    </message>
    <message>
      <source>Fit width</source>
      <translation>适合宽度</translation>
    </message>
    <message>
      <source>Whole page</source>
      <translation>整页</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source> of {pages} </source>
      <translation> / {pages} 页 </translation>
    </message>
    <message>
      <source>Cannot open</source>
      <translation>无法打开</translation>
    </message>
    <message>
      <source>No program to open PDF files was found. The file is at:
{path}</source>
      <translation>找不到可以打开 PDF 文件的程序。文件位于：
{path}</translation>
    </message>
    <message>
      <source>Print the dossier</source>
      <translation>打印证据材料</translation>
    </message>
    <message>
      <source>Printing…</source>
      <translation>正在打印…</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Cannot print</source>
      <translation>无法打印</translation>
    </message>
    <message>
      <source>The printer could not be started.</source>
      <translation>无法启动打印机。</translation>
    </message>
  </context>
  <context>
    <name>ProfileDialog</name>
    <message>
      <source>Your details</source>
      <translation>个人信息</translation>
    </message>
    <message>
      <source>Shown on the cover of every dossier you export, so the institution or regulator knows who the complaint is from and how to reach you.</source>
      <translation>这些信息会显示在您导出的每份证据材料的封面上，让机构或监管机构知道投诉人是谁、怎样联系您。</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>E-mail</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Optional. The dossier shows only its last four characters.</source>
      <translation>选填。证据材料中只显示最后四位。</translation>
    </message>
    <message>
      <source>The e-mail address needs an @.</source>
      <translation>电子邮箱地址中需要有 @。</translation>
    </message>
  </context>
  <context>
    <name>PromiseDueOffer</name>
    <message>
      <source>Set d&amp;ue time</source>
      <translation>设为到期时间(&amp;U)</translation>
    </message>
    <message>
      <source>Due: {due} ({phrase})</source>
      <translation>到期：{due}（{phrase}）</translation>
    </message>
  </context>
  <context>
    <name>PromiseStateDialog</name>
    <message>
      <source>Mark promise kept</source>
      <translation>标记承诺已兑现</translation>
    </message>
    <message>
      <source>Mark promise broken</source>
      <translation>标记承诺未兑现</translation>
    </message>
    <message>
      <source>Promise</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Made on {when} ({channel}{who})</source>
      <translation>于 {when} 作出（{channel}{who}）</translation>
    </message>
    <message>
      <source>due {when}</source>
      <translation>期限 {when}</translation>
    </message>
    <message>
      <source>Kept</source>
      <translation>已兑现</translation>
    </message>
    <message>
      <source>Broken</source>
      <translation>未兑现</translation>
    </message>
    <message>
      <source>Still waiting</source>
      <translation>仍在等待</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>e.g. They called back on 6 Nov and explained</source>
      <translation>例如：对方已于 11 月 6 日回电并作了解释</translation>
    </message>
    <message>
      <source>e.g. No call came; nobody answered at 95533</source>
      <translation>例如：没有接到回电；拨打 95533 无人接听</translation>
    </message>
    <message>
      <source>e.g. They asked for two more days</source>
      <translation>例如：对方要求再宽限两天</translation>
    </message>
    <message>
      <source>Mark kept</source>
      <translation>标记为已兑现</translation>
    </message>
    <message>
      <source>Mark broken</source>
      <translation>标记为未兑现</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
  </context>
  <context>
    <name>PromiseTableModel</name>
    <message>
      <source>What they promised</source>
      <translation>对方承诺的内容</translation>
    </message>
    <message>
      <source>Due by</source>
      <translation>期限</translation>
    </message>
    <message>
      <source>Kept?</source>
      <translation>是否兑现</translation>
    </message>
    <message>
      <source>No due time. Double-click to set one; Delete clears it.</source>
      <translation>未设期限。双击可设置；按 Delete 键清除。</translation>
    </message>
  </context>
  <context>
    <name>ProvesBar</name>
    <message>
      <source>What do {exhibits} prove?</source>
      <translation>{exhibits} 的证明目的：</translation>
    </message>
    <message>
      <source>Apply to all</source>
      <translation>全部填上</translation>
    </message>
    <message>
      <source>Leave it for now (Esc)</source>
      <translation>暂不填写（Esc）</translation>
    </message>
    <message>
      <source>e.g. the bank took the money twice</source>
      <translation>例如：银行重复扣款</translation>
    </message>
  </context>
  <context>
    <name>QuickLogDialog</name>
    <message>
      <source>Log an unsolicited call or SMS</source>
      <translation>记录骚扰来电或短信</translation>
    </message>
    <message>
      <source>Incoming call</source>
      <translation>来电</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <source>The number that called, e.g. 95533 or 021-6xxxxxxx</source>
      <translation>来电号码，例如 95533 或 021-6xxxxxxx</translation>
    </message>
    <message>
      <source>e.g. loan marketing; I said no and asked them to stop</source>
      <translation>例如：贷款推销；我已拒绝，并要求对方不要再打</translation>
    </message>
    <message>
      <source>Every call and message counts: the pattern — how often, at what hours, after you said no — is what proves harassment.</source>
      <translation>每一次来电和短信都要记下：多频繁、在什么时段、在您拒绝之后是否仍然来电——正是这些规律能证明骚扰。</translation>
    </message>
    <message>
      <source>What came</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>What it was about</source>
      <translation>内容</translation>
    </message>
    <message>
      <source>Log it</source>
      <translation>记录</translation>
    </message>
  </context>
  <context>
    <name>ReadingActions</name>
    <message>
      <source>Read &amp;text again</source>
      <translation>重新识别文字(&amp;T)</translation>
    </message>
    <message>
      <source>Recognise the text in the selected picture again</source>
      <translation>重新识别所选图片中的文字</translation>
    </message>
    <message>
      <source>Stop rea&amp;ding text</source>
      <translation>停止识别文字(&amp;D)</translation>
    </message>
    <message>
      <source>Stop</source>
      <translation>停止</translation>
    </message>
    <message>
      <source>Stop reading the text in pictures; what is not read yet is read the next time Casebook starts</source>
      <translation>停止识别图片中的文字；尚未识别的图片会在下次启动投诉案卷时识别</translation>
    </message>
    <message>
      <source>Only pictures and PDF files can be read.</source>
      <translation>只能识别图片和 PDF 文件中的文字。</translation>
    </message>
    <message>
      <source>Stopped reading text: {done} of {total} pictures read; the rest are read the next time Casebook starts</source>
      <translation>已停止识别文字：已识别 {done}/{total} 张图片；其余的会在下次启动投诉案卷时识别</translation>
    </message>
    <message>
      <source>Text read in {total} pictures; {failed} could not be read</source>
      <translation>已识别 {total} 张图片中的文字；{failed} 张无法识别</translation>
    </message>
    <message>
      <source>Stopping…</source>
      <translation>正在停止…</translation>
    </message>
    <message>
      <source>Reading text in pictures {done}/{total}</source>
      <translation>正在识别图片中的文字 {done}/{total}</translation>
    </message>
  </context>
  <context>
    <name>RecordDialog</name>
    <message>
      <source>Save (Ctrl+Return)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Press Esc again to close without saving your changes.</source>
      <translation>再按一次 Esc 将关闭窗口，不保存您的修改。</translation>
    </message>
  </context>
  <context>
    <name>RedactionBar</name>
    <message>
      <source>Drag over what the regulator need not see. Keys: B adds a box, arrows move it, Shift+arrows size it, Tab picks the next, Delete removes it, Ctrl+Z undoes.</source>
      <translation>拖动鼠标框出监管机构无需看到的内容。键盘：B 新建方框，方向键移动，Shift+方向键调整大小，Tab 选下一个，Delete 删除，Ctrl+Z 撤销。</translation>
    </message>
    <message numerus="yes">
      <source>Cover %n private number(s)</source>
      <translation>
        <numerusform>遮盖识别出的 %n 个个人号码</numerusform>
      </translation>
    </message>
    <message>
      <source>No private numbers read</source>
      <translation>未识别出个人号码</translation>
    </message>
    <message>
      <source>ID numbers, bank card numbers and phone numbers other than hotlines read in the picture</source>
      <translation>图片中识别出的身份证号、银行卡号和客服热线以外的电话号码</translation>
    </message>
    <message>
      <source>Remove all</source>
      <translation>全部移除</translation>
    </message>
    <message>
      <source>Save boxes</source>
      <translation>保存遮盖</translation>
    </message>
    <message>
      <source>The dossier prints a copy with these areas black; the original stays as it is (Ctrl+Z in the main window takes it back)</source>
      <translation>证据材料将打印遮盖了这些区域的副本；原文件保持不变（可在主窗口按 Ctrl+Z 撤销）</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>ReferenceTableModel</name>
    <message>
      <source>Kind of number</source>
      <translation>编号类型</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>Issued by</source>
      <translation>出具方</translation>
    </message>
  </context>
  <context>
    <name>SearchPanel</name>
    <message>
      <source>Nothing found</source>
      <translation>没有找到</translation>
    </message>
    <message>
      <source>1 hit</source>
      <translation>1 条结果</translation>
    </message>
    <message>
      <source>The first {count} hits</source>
      <translation>前 {count} 条结果</translation>
    </message>
    <message>
      <source>{count} hits</source>
      <translation>{count} 条结果</translation>
    </message>
    <message>
      <source>Search all cases (Ctrl+Shift+F)</source>
      <translation>搜索全部案卷（Ctrl+Shift+F）</translation>
    </message>
    <message>
      <source>Titles, entries, reference numbers, counterparts, evidence captions and email text</source>
      <translation>标题、记录、编号、对方、证据说明和邮件正文</translation>
    </message>
  </context>
  <context>
    <name>SearchResultsModel</name>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message>
      <source>Entry</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Reference number</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Promise</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Exhibit</source>
      <translation>证据</translation>
    </message>
  </context>
  <context>
    <name>TimelineModel</name>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>With</source>
      <translation>对方</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Reference no.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Promises</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>{text} (by {due})</source>
      <translation>{text}（{due} 前）</translation>
    </message>
    <message>
      <source>; </source>
      <translation>；</translation>
    </message>
    <message>
      <source> ({duration})</source>
      <translation>（{duration}）</translation>
    </message>
    <message>
      <source>Out</source>
      <translation>我方联系</translation>
    </message>
    <message>
      <source>In</source>
      <translation>对方联系</translation>
    </message>
    <message>
      <source>Complaint lodged: the regulator clock starts here</source>
      <translation>投诉受理起点：监管时限从这里起算</translation>
    </message>
  </context>
  <context>
    <name>UnlockDialog</name>
    <message>
      <source>Casebook is locked</source>
      <translation>投诉案卷已锁定</translation>
    </message>
    <message>
      <source>This book is locked. Type its passphrase to open it.
{folder}</source>
      <translation>此案卷库已加锁。请输入密码以打开它。
{folder}</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>Opening…</source>
      <translation>正在打开…</translation>
    </message>
  </context>
  <context>
    <name>UnsolicitedPanel</name>
    <message>
      <source>Log each unsolicited call or message as it comes (Ctrl+U): the pattern — how often, at what hours — is what proves harassment.</source>
      <translation>每次收到骚扰来电或短信都记录下来（Ctrl+U）：多频繁、在什么时段——正是这些规律能证明骚扰。</translation>
    </message>
    <message>
      <source>{total} unsolicited calls and messages from {first} to {last}. Busiest day: {day} ({most}). Most often between {hour}:00 and {next}:00 ({at_hour}).</source>
      <translation>{first} 至 {last} 期间共有 {total} 次骚扰来电和短信。最多的一天：{day}（{most} 次）。最常出现在 {hour}:00 至 {next}:00 之间（{at_hour} 次）。</translation>
    </message>
    <message>
      <source>Per day</source>
      <translation>按日</translation>
    </message>
    <message>
      <source>Per week</source>
      <translation>按周</translation>
    </message>
    <message>
      <source>Log one (Ctrl+U)</source>
      <translation>记录一次（Ctrl+U）</translation>
    </message>
  </context>
  <context>
    <name>VerifyActions</name>
    <message>
      <source>&amp;Verify…</source>
      <translation>检查证据是否完好(&amp;V)…</translation>
    </message>
    <message>
      <source>Check every evidence file against its recorded SHA-256, and the change log</source>
      <translation>按记录的 SHA-256 核对每个证据文件，并检查修改记录</translation>
    </message>
  </context>
  <context>
    <name>VerifyDialog</name>
    <message>
      <source>Verify</source>
      <translation>检查证据是否完好</translation>
    </message>
    <message>
      <source>Verify &amp;again</source>
      <translation>重新检查(&amp;A)</translation>
    </message>
    <message>
      <source>Double-click a line about an exhibit to open its case with the exhibit selected. Notes are not problems.</source>
      <translation>双击关于某件证据的一行，可打开其案卷并选中该证据。“提示”不算问题。</translation>
    </message>
    <message>
      <source>Checking every evidence file against its recorded SHA-256, and the change log…</source>
      <translation>正在按记录的 SHA-256 核对每个证据文件，并检查修改记录…</translation>
    </message>
    <message>
      <source>The check was cancelled.</source>
      <translation>检查已取消。</translation>
    </message>
    <message>
      <source>The check could not be done: {reason}</source>
      <translation>无法完成检查：{reason}</translation>
    </message>
    <message>
      <source>Note: {message}</source>
      <translation>提示：{message}</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Cancelling…</source>
      <translation>正在取消…</translation>
    </message>
  </context>
  <context>
    <name>WelcomePage</name>
    <message>
      <source>No case yet</source>
      <translation>还没有案卷</translation>
    </message>
    <message>
      <source>A case keeps one complaint: every call, visit, message and letter, with the reference numbers and promises they produced.
Start by creating a case for the bank or app you are complaining about — or look at a sample case first.</source>
      <translation>一个案卷保存一件投诉：每一次电话、走访、消息和信件，以及由此取得的编号和对方的承诺。
先为您要投诉的银行或应用新建一个案卷——也可以先看看示例案卷。</translation>
    </message>
    <message>
      <source>Create a case</source>
      <translation>新建案卷</translation>
    </message>
    <message>
      <source>Open a sample case</source>
      <translation>打开示例案卷</translation>
    </message>
    <message>
      <source>About you, for the dossier's cover (you can change it later: File → Your details)</source>
      <translation>您的信息，用于证据材料封面（以后可在“文件 → 个人信息”中修改）</translation>
    </message>
    <message>
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Phone</source>
      <translation>电话(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;ID number</source>
      <translation>身份证号(&amp;I)</translation>
    </message>
    <message>
      <source>Dossier &amp;language</source>
      <translation>证据材料语言(&amp;L)</translation>
    </message>
    <message>
      <source>Save dossiers &amp;in</source>
      <translation>证据材料保存到(&amp;S)</translation>
    </message>
    <message>
      <source>Optional. The dossier shows only its last four characters.</source>
      <translation>可不填。证据材料中只显示最后四位。</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览…</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>The folder {folder} cannot be made: {reason}</source>
      <translation>无法创建文件夹 {folder}：{reason}</translation>
    </message>
    <message>
      <source>Not saved: {reason}</source>
      <translation>未保存：{reason}</translation>
    </message>
    <message>
      <source>Saved.</source>
      <translation>已保存。</translation>
    </message>
    <message>
      <source>Save dossiers in</source>
      <translation>证据材料保存到</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Casebook is already open</source>
      <translation>投诉案卷已经打开</translation>
    </message>
    <message>
      <source>Another Casebook is using the data folder {folder} and does not answer: a window may be busy or not responding, or a casebook command may be changing it. Wait for it to finish, or close that Casebook, then start again.</source>
      <translation>另一个投诉案卷正在使用数据文件夹 {folder}，且没有响应：可能有窗口正忙或无响应，或有 casebook 命令正在修改它。请等待其完成，或关闭那个投诉案卷，然后重新启动。</translation>
    </message>
    <message>
      <source>Casebook cannot start</source>
      <translation>投诉案卷无法启动</translation>
    </message>
    <message>
      <source>Casebook is already open on this data folder: its window was asked to come to the front (if you do not see it, look in the taskbar).</source>
      <translation>投诉案卷已经打开了这个数据文件夹：已请它的窗口显示到最前面（如果看不到，请在任务栏中查找）。</translation>
    </message>
    <message>
      <source>Something went wrong</source>
      <translation>出错了</translation>
    </message>
    <message>
      <source>Casebook ran into an error it did not expect. What you saved is safe: every change is saved as it is made.

What happened is written in the log file:
{path}

If you report the problem, please attach that file.</source>
      <translation>投诉案卷遇到了一个意外错误。您已保存的内容不会丢失：每一次修改在做出时就已保存。

错误的详细情况已写入日志文件：
{path}

如需报告这个问题，请附上该文件。</translation>
    </message>
  </context>
  <context>
    <name>vocab</name>
    <message>
      <source>Phone call</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Branch visit</source>
      <translation>网点走访</translation>
    </message>
    <message>
      <source>Web form</source>
      <translation>网页表单</translation>
    </message>
    <message>
      <source>In-app feedback</source>
      <translation>App内反馈</translation>
    </message>
    <message>
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <source>Letter</source>
      <translation>信函</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <source>Social media</source>
      <translation>社交媒体</translation>
    </message>
    <message>
      <source>Regulator filing</source>
      <translation>向监管投诉</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Unsolicited call</source>
      <translation>骚扰来电</translation>
    </message>
    <message>
      <source>Unsolicited SMS</source>
      <translation>骚扰短信</translation>
    </message>
    <message>
      <source>I contacted them</source>
      <translation>我方联系对方</translation>
    </message>
    <message>
      <source>They contacted me</source>
      <translation>对方联系我</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>处理中</translation>
    </message>
    <message>
      <source>Awaiting reply</source>
      <translation>等待答复</translation>
    </message>
    <message>
      <source>Escalated</source>
      <translation>已升级投诉</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <source>Closed, unresolved</source>
      <translation>已结束（未解决）</translation>
    </message>
    <message>
      <source>Function fault</source>
      <translation>功能故障</translation>
    </message>
    <message>
      <source>Wrong information</source>
      <translation>信息错误</translation>
    </message>
    <message>
      <source>Service attitude</source>
      <translation>服务态度</translation>
    </message>
    <message>
      <source>Hard to operate</source>
      <translation>操作困难</translation>
    </message>
    <message>
      <source>Frozen funds</source>
      <translation>资金冻结</translation>
    </message>
    <message>
      <source>Failed withdrawal</source>
      <translation>提现失败</translation>
    </message>
    <message>
      <source>Slow support</source>
      <translation>处理迟缓</translation>
    </message>
    <message>
      <source>Unwanted calls</source>
      <translation>骚扰电话</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>China</source>
      <translation>中国</translation>
    </message>
    <message>
      <source>United Kingdom</source>
      <translation>英国</translation>
    </message>
    <message>
      <source>United States</source>
      <translation>美国</translation>
    </message>
    <message>
      <source>European Union</source>
      <translation>欧盟</translation>
    </message>
    <message>
      <source>None</source>
      <translation>不适用</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>银行</translation>
    </message>
    <message>
      <source>Payment app</source>
      <translation>支付平台</translation>
    </message>
    <message>
      <source>Lender</source>
      <translation>贷款机构</translation>
    </message>
    <message>
      <source>Insurer</source>
      <translation>保险公司</translation>
    </message>
    <message>
      <source>Regulator</source>
      <translation>监管机构</translation>
    </message>
    <message>
      <source>Consumer body</source>
      <translation>消费者组织</translation>
    </message>
    <message>
      <source>Pending</source>
      <translation>待兑现</translation>
    </message>
    <message>
      <source>Kept</source>
      <translation>已兑现</translation>
    </message>
    <message>
      <source>Broken</source>
      <translation>未兑现</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <source>This backup cannot be restored: {reason}</source>
      <translation>无法恢复此备份：{reason}</translation>
    </message>
    <message>
      <source>an empty member name</source>
      <translation>有一个成员名称为空</translation>
    </message>
    <message>
      <source>the member name {name} contains a backslash</source>
      <translation>成员名称 {name} 含有反斜杠</translation>
    </message>
    <message>
      <source>the member name {name} is an absolute path</source>
      <translation>成员名称 {name} 是绝对路径</translation>
    </message>
    <message>
      <source>the member name {name} contains a drive letter or a colon</source>
      <translation>成员名称 {name} 含有盘符或冒号</translation>
    </message>
    <message>
      <source>the member name {name} escapes the data folder or is not a file</source>
      <translation>成员名称 {name} 指向数据文件夹之外，或不是文件</translation>
    </message>
    <message>
      <source>Cancelled.</source>
      <translation>已取消。</translation>
    </message>
    <message>
      <source>A backup cannot be saved inside the data folder {path} (except in its backups folder).</source>
      <translation>备份不能保存在数据文件夹 {path} 内（其 backups 文件夹除外）。</translation>
    </message>
    <message>
      <source>{path} is a folder; choose a file name.</source>
      <translation>{path} 是文件夹，请选择一个文件名。</translation>
    </message>
    <message>
      <source>The folder {path} does not exist.</source>
      <translation>文件夹 {path} 不存在。</translation>
    </message>
    <message>
      <source>There is no database in {path} to back up.</source>
      <translation>{path} 中没有可备份的数据库。</translation>
    </message>
    <message>
      <source>the backup would need {size} but the disk has {free} free</source>
      <translation>恢复此备份需要 {size}，但磁盘只剩 {free}</translation>
    </message>
    <message>
      <source>it has no manifest (it is not a Casebook backup)</source>
      <translation>它没有清单（不是投诉案卷的备份）</translation>
    </message>
    <message>
      <source>its manifest is too large</source>
      <translation>它的清单过大</translation>
    </message>
    <message>
      <source>its manifest has been changed</source>
      <translation>它的清单已被改动</translation>
    </message>
    <message>
      <source>it is not a Casebook backup</source>
      <translation>它不是投诉案卷的备份</translation>
    </message>
    <message>
      <source>it was made by a newer Casebook; install it to restore this backup</source>
      <translation>它由更新版本的投诉案卷制作；请安装新版本后再恢复此备份</translation>
    </message>
    <message>
      <source>its manifest lists no files</source>
      <translation>它的清单中没有任何文件</translation>
    </message>
    <message>
      <source>it holds no database</source>
      <translation>其中没有数据库</translation>
    </message>
    <message>
      <source>its key file does not match its manifest</source>
      <translation>它的密钥文件与清单不符</translation>
    </message>
    <message>
      <source>the member {name} has been changed (its size or SHA-256 does not match the manifest)</source>
      <translation>成员 {name} 已被改动（大小或 SHA-256 与清单不符）</translation>
    </message>
    <message>
      <source>{path} does not exist or is not a file.</source>
      <translation>{path} 不存在或不是文件。</translation>
    </message>
    <message>
      <source>its database is not a Casebook database</source>
      <translation>其中的数据库不是投诉案卷数据库</translation>
    </message>
    <message>
      <source>its database is damaged ({error})</source>
      <translation>其中的数据库已损坏（{error}）</translation>
    </message>
    <message numerus="yes">
      <source>it lacks {n} evidence file(s) its database refers to</source>
      <translation>
        <numerusform>缺少其数据库所引用的 {n} 个证据文件</numerusform>
      </translation>
    </message>
    <message>
      <source>it holds files its manifest does not list: {names}</source>
      <translation>含有清单未列出的文件：{names}</translation>
    </message>
    <message>
      <source>files its manifest lists are missing: {names}</source>
      <translation>缺少清单所列的文件：{names}</translation>
    </message>
    <message>
      <source>the member {name} appears twice</source>
      <translation>成员 {name} 出现了两次</translation>
    </message>
    <message>
      <source>the member {name} is not a plain file (a link or a folder)</source>
      <translation>成员 {name} 不是普通文件（是链接或文件夹）</translation>
    </message>
    <message>
      <source>the member {name} is encrypted</source>
      <translation>成员 {name} 已加密</translation>
    </message>
    <message>
      <source>the member {name} uses an unknown compression</source>
      <translation>成员 {name} 使用了未知的压缩方式</translation>
    </message>
    <message>
      <source>the member {name} would unpack to {size} from {packed}: far more than any real file packs to</source>
      <translation>其中的 {name} 会从 {packed} 解压成 {size}，远超真实文件的压缩比例</translation>
    </message>
    <message>
      <source>its manifest is damaged ({error})</source>
      <translation>它的清单已损坏（{error}）</translation>
    </message>
    <message>
      <source>its manifest cannot be read</source>
      <translation>无法读取它的清单</translation>
    </message>
    <message>
      <source>its manifest is malformed</source>
      <translation>它的清单格式有误</translation>
    </message>
    <message>
      <source>the member {name} is not part of a Casebook data folder</source>
      <translation>成员 {name} 不属于投诉案卷的数据文件夹</translation>
    </message>
    <message>
      <source>the member {name} does not hold the file its name says</source>
      <translation>成员 {name} 的内容与其名称所指的文件不符</translation>
    </message>
    <message>
      <source>the member {name} is damaged ({error})</source>
      <translation>成员 {name} 已损坏（{error}）</translation>
    </message>
    <message>
      <source>it is not a zip archive, or it is damaged or truncated ({error})</source>
      <translation>它不是 zip 压缩包，或已损坏、不完整（{error}）</translation>
    </message>
    <message>
      <source>The file {sha} is missing from the evidence store; the backup holds its record only.</source>
      <translation>证据库中缺少文件 {sha}；备份中只有它的记录。</translation>
    </message>
    <message>
      <source>{path} is encrypted: the book is locked and needs its passphrase.</source>
      <translation>{path} 已加密：案卷库已加锁，需要输入密码。</translation>
    </message>
    <message>
      <source>{path} is not a folder.</source>
      <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
      <source>{path} is not empty; restore into an empty folder, or replace the data folder (--replace).</source>
      <translation>{path} 不是空的；请恢复到空文件夹，或替换数据文件夹（--replace）。</translation>
    </message>
    <message>
      <source>Casebook is open in a window on {path}; close it first, or restore from the window (File → Restore from backup…).</source>
      <translation>投诉案卷正在窗口中使用 {path}；请先关闭它，或在窗口中恢复（文件 → 从备份恢复…）。</translation>
    </message>
    <message>
      <source>Not enough free space in {path} to restore this backup ({size} MB needed).</source>
      <translation>{path} 的可用空间不足，无法恢复此备份（需要 {size} MB）。</translation>
    </message>
    <message>
      <source>The restored data could not be put in place: {error}</source>
      <translation>无法将恢复的数据放到位：{error}</translation>
    </message>
    <message>
      <source>the member name {name} escapes the data folder</source>
      <translation>成员名称 {name} 指向数据文件夹之外</translation>
    </message>
    <message>
      <source>it is encrypted but holds no key file</source>
      <translation>它已加密，但不含密钥文件</translation>
    </message>
    <message>
      <source>its key file is too large</source>
      <translation>它的密钥文件过大</translation>
    </message>
    <message>
      <source>its key file is damaged</source>
      <translation>它的密钥文件已损坏</translation>
    </message>
    <message>
      <source>This backup is of a locked book: it is restored only with its passphrase. Nothing was changed.</source>
      <translation>这是一个已加锁案卷库的备份：只有输入它的密码才能恢复。未做任何更改。</translation>
    </message>
    <message>
      <source>its manifest is damaged or was not sealed with its key file's key</source>
      <translation>它的清单已损坏，或不是用其密钥文件中的密钥加密的</translation>
    </message>
    <message>
      <source>Audit entry {id} does not follow the entry before it: an entry was removed, inserted or changed</source>
      <translation>修改记录第 {id} 条与前一条衔接不上：有记录被删除、插入或改动</translation>
    </message>
    <message numerus="yes">
      <source>{n} evidence file(s)</source>
      <translation>
        <numerusform>{n} 个证据文件</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} problem(s) found</source>
      <translation>
        <numerusform>发现 {n} 个问题</numerusform>
      </translation>
    </message>
    <message>
      <source>Verified {files} ({size}) and an audit chain of {entries}: all intact</source>
      <translation>已检查 {files}（{size}）和 {entries} 条修改记录：全部完好</translation>
    </message>
    <message numerus="yes">
      <source> ({n} note(s), not problems)</source>
      <translation>
        <numerusform>（{n} 条提示，不算问题）</numerusform>
      </translation>
    </message>
    <message>
      <source>thumbnail</source>
      <translation>缩略图</translation>
    </message>
    <message>
      <source>print copy</source>
      <translation>打印副本</translation>
    </message>
    <message>
      <source>{what}: deleted outside Casebook</source>
      <translation>{what}：在投诉案卷之外被删除</translation>
    </message>
    <message>
      <source>{what}: changed outside Casebook</source>
      <translation>{what}：在投诉案卷之外被修改</translation>
    </message>
    <message>
      <source>Audit entry {id}: its time cannot be read; it was changed after it was written</source>
      <translation>修改记录第 {id} 条：时间无法读取，写入后被改动过</translation>
    </message>
    <message>
      <source>Audit entry {id} was changed after it was written</source>
      <translation>修改记录第 {id} 条在写入后被改动过</translation>
    </message>
    <message>
      <source>Verified {files} ({size}) and an audit chain of {entries}: {problems}</source>
      <translation>已检查 {files}（{size}）和 {entries} 条修改记录：{problems}</translation>
    </message>
    <message>
      <source>the check was cancelled</source>
      <translation>检查已取消</translation>
    </message>
    <message>
      <source>no case with id {id}</source>
      <translation>找不到编号为 {id} 的案卷。</translation>
    </message>
    <message>
      <source>Case {case}</source>
      <translation>案卷 {case}</translation>
    </message>
    <message>
      <source>The database file is damaged: {detail}</source>
      <translation>数据库文件已损坏：{detail}</translation>
    </message>
    <message>
      <source>Case {case}: verified {files} ({size}) and an audit chain of {entries}: all intact</source>
      <translation>案卷 {case}：已检查 {files}（{size}）和 {entries} 条修改记录：全部完好</translation>
    </message>
    <message>
      <source>Case {case}: verified {files} ({size}) and an audit chain of {entries}: {problems}</source>
      <translation>案卷 {case}：已检查 {files}（{size}）和 {entries} 条修改记录：{problems}</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): its {what} has no SHA-256 on record; the dossier does not print it but makes a copy afresh from the original</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：其{what}没有记录 SHA-256；生成材料时不使用它，而是从原件重新制作</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): its redacted copy is missing or no longer matches the SHA-256 recorded when it was made; the dossier makes one afresh from the original with the same boxes</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：其遮盖后副本缺失或与制作时记录的 SHA-256 不再一致；证据材料会按相同遮盖区域从原文件重新制作</translation>
    </message>
    <message>
      <source>Case {case}, entry {event}</source>
      <translation>案卷 {case}，记录 {event}</translation>
    </message>
    <message>
      <source>Entry {event}</source>
      <translation>记录 {event}</translation>
    </message>
    <message>
      <source>Institution {name}</source>
      <translation>机构 {name}</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): the file is missing from the evidence store</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：证据库中缺少该文件</translation>
    </message>
    <message>
      <source>{path}: its content no longer matches the SHA-256 it is named by: the file was changed or damaged</source>
      <translation>{path}：内容与其文件名所示的 SHA-256 不符：文件已被改动或损坏</translation>
    </message>
    <message>
      <source>{path}: kept in the store, but no exhibit uses it (left by a removed exhibit, so that the removal can be undone, or by an interrupted import)</source>
      <translation>{path}：保存在证据库中，但没有证据使用它（来自已移除的证据——保留以便撤销——或中断的导入）</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): its {what} no longer matches the SHA-256 recorded when it was made; the dossier does not print it but makes a copy afresh from the original (the original is intact)</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：其{what}与制作时记录的 SHA-256 不符；生成材料时不使用它，而是从原件重新制作（原件完好）</translation>
    </message>
    <message>
      <source>Case {case}, exhibit E{number}</source>
      <translation>案卷 {case}，证据 E{number}</translation>
    </message>
    <message>
      <source>Exhibit {id}</source>
      <translation>证据 {id}</translation>
    </message>
    <message>
      <source>{path}: not a file of the evidence store (its files are named by the SHA-256 of their content)</source>
      <translation>{path}：不是证据库的文件（证据库文件以其内容的 SHA-256 命名）</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): the file cannot be read: {error}</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：无法读取文件：{error}</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}) no longer matches its recorded SHA-256: the file was changed or damaged after it was recorded</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）与记录的 SHA-256 不符：文件在登记后被改动或损坏</translation>
    </message>
    <message>
      <source>{path}: the file cannot be read: {error}</source>
      <translation>{path}：无法读取文件：{error}</translation>
    </message>
    <message>
      <source>Case {case}, exhibit {exhibit} ({name}): its thumbnail or print rendition is missing (the original is intact)</source>
      <translation>案卷 {case}，证据 {exhibit}（{name}）：缺少缩略图或打印版（原件完好）</translation>
    </message>
    <message>
      <source>the previous data folder was kept as {path}</source>
      <translation>之前的数据文件夹保留为 {path}</translation>
    </message>
    <message>
      <source>suggestion: {kind} {value}{label}{hotline} — record with: {hint}</source>
      <translation>建议：{kind} {value}{label}{hotline} — 可用以下方式记录：{hint}</translation>
    </message>
    <message>
      <source>suggestion: {kind} ending {last} — private: keep it out of the case unless the complaint needs it</source>
      <translation>建议：{kind}，尾号 {last} — 属隐私信息：除非投诉需要，请勿记入案卷</translation>
    </message>
    <message>
      <source>promise due {due} ({phrase} from the entry's time)</source>
      <translation>承诺到期 {due}（自本条记录时间起{phrase}）</translation>
    </message>
    <message>
      <source>incident: {time}</source>
      <translation>事发时间：{time}</translation>
    </message>
    <message>
      <source>made {time}</source>
      <translation>形成时间：{time}</translation>
    </message>
    <message>
      <source>{problem}; the dossier was not written</source>
      <translation>{problem}；未写出案卷</translation>
    </message>
    <message numerus="yes">
      <source>verify found {n} problem(s); the dossier was not written</source>
      <translation>
        <numerusform>检查发现 {n} 个问题；未写出案卷材料</numerusform>
      </translation>
    </message>
    <message>
      <source>missed</source>
      <translation>未接</translation>
    </message>
    <message>
      <source>no calls found in {exhibit}</source>
      <translation>{exhibit} 中未发现通话</translation>
    </message>
    <message>
      <source>reading {done}/{total}: {exhibit} {name}</source>
      <translation>正在识别 {done}/{total}：{exhibit} {name}</translation>
    </message>
    <message>
      <source>{exhibit} (id {id}) is evidence of another case</source>
      <translation>{exhibit}（编号 {id}）是另一个案卷的证据</translation>
    </message>
    <message>
      <source>every picture of this case has been read</source>
      <translation>本案卷的所有图片都已识别</translation>
    </message>
    <message numerus="yes">
      <source>{n} call(s) added to the timeline as unsolicited calls</source>
      <translation>
        <numerusform>已将 {n} 条通话作为骚扰来电加入时间线</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} more file(s) not imported: the import stopped there; the files listed were kept</source>
      <translation>
        <numerusform>另有 {n} 个文件未导入：导入在此停止；上面列出的文件已保存</numerusform>
      </translation>
    </message>
    <message>
      <source>its text could not be read: {reason}</source>
      <translation>无法识别其中的文字：{reason}</translation>
    </message>
    <message numerus="yes">
      <source>{n} line(s) of text</source>
      <translation>
        <numerusform>{n} 行文字</numerusform>
      </translation>
    </message>
    <message>
      <source>it keeps its {option} «{current}»; to change it: casebook evidence edit {id} {option} …</source>
      <translation>保留原有的 {option}「{current}」；如需修改：casebook evidence edit {id} {option} …</translation>
    </message>
    <message>
      <source>already in this case as {exhibit}</source>
      <translation>已作为 {exhibit} 收入本案卷</translation>
    </message>
    <message>
      <source>the stored copy of these bytes was damaged; it was repaired from this file</source>
      <translation>已保存的同一文件副本已损坏，已用此文件修复</translation>
    </message>
    <message>
      <source>The book is locked. Without its passphrase it cannot be opened: there is no back door. Write the passphrase down and keep it somewhere safe.</source>
      <translation>案卷库已加锁。没有密码就无法打开：没有任何后门。请把密码写下来，妥善保管。</translation>
    </message>
    <message>
      <source>The passphrase is changed; the old one no longer opens the book.</source>
      <translation>密码已更改；旧密码再也打不开案卷库。</translation>
    </message>
    <message>
      <source>This book has a passphrase already; `casebook unlock --change` changes it.</source>
      <translation>此案卷库已设置密码；用 `casebook unlock --change` 可以更改。</translation>
    </message>
    <message>
      <source>This book has no passphrase.</source>
      <translation>此案卷库没有设置密码。</translation>
    </message>
    <message>
      <source>The book has no passphrase now: its files are plain again.</source>
      <translation>案卷库的密码已去除：其中的文件已恢复为未加密。</translation>
    </message>
    <message>
      <source>The book is locked: a lock that had been interrupted is finished.</source>
      <translation>案卷库已加锁：此前中断的加锁已完成。</translation>
    </message>
    <message>
      <source>Locking</source>
      <translation>正在加锁</translation>
    </message>
    <message>
      <source>This book is locked: it opens only with its passphrase.</source>
      <translation>此案卷库已加锁：只有输入密码才能打开。</translation>
    </message>
    <message>
      <source>No new passphrase: set {name}, or run this in a terminal to type it.</source>
      <translation>没有新密码：请设置 {name}，或在终端中运行以输入密码。</translation>
    </message>
    <message>
      <source>New passphrase: </source>
      <translation>新密码：</translation>
    </message>
    <message>
      <source>The new passphrase again: </source>
      <translation>再次输入新密码：</translation>
    </message>
    <message>
      <source>The two passphrases typed differ; nothing was changed.</source>
      <translation>两次输入的密码不一致；未做任何更改。</translation>
    </message>
    <message>
      <source>The passphrase is empty.</source>
      <translation>密码为空。</translation>
    </message>
    <message>
      <source>give --change to change the passphrase (any command opens a locked book with it; `casebook lock --remove` takes it away)</source>
      <translation>请加上 --change 来更改密码（任何命令都用密码打开已加锁的案卷库；`casebook lock --remove` 可去除密码）</translation>
    </message>
    <message>
      <source>No new passphrase was given; nothing was changed.</source>
      <translation>没有输入新密码；未做任何更改。</translation>
    </message>
    <message>
      <source>Removing the passphrase</source>
      <translation>正在去除密码</translation>
    </message>
    <message>
      <source>Passphrase of this book: </source>
      <translation>此案卷库的密码：</translation>
    </message>
    <message numerus="yes">
      <source>argument {n} is not valid text (UTF-8): {word}</source>
      <translation>
        <numerusform>第 {n} 个参数不是有效文本（UTF-8）：{word}</numerusform>
      </translation>
    </message>
    <message>
      <source>note: the data folder {folder} could be read by other users of this computer; it is now yours only</source>
      <translation>提示：数据文件夹 {folder} 原先可被这台电脑的其他用户读取，现已改为仅您本人可访问</translation>
    </message>
    <message>
      <source>an unexpected error ({kind}: {error}); nothing more was done</source>
      <translation>发生意外错误（{kind}：{error}），未做任何进一步操作</translation>
    </message>
    <message>
      <source>the details are in {path}</source>
      <translation>详细信息见 {path}</translation>
    </message>
    <message>
      <source>Casebook is open in a window on this data folder; close it first, or use the window</source>
      <translation>投诉案卷正在窗口中使用此数据文件夹；请先关闭它，或在窗口中操作</translation>
    </message>
    <message>
      <source>another casebook command kept this data folder busy for {seconds} seconds; nothing was changed: try again when it has finished</source>
      <translation>另一个 casebook 命令已占用此数据文件夹 {seconds} 秒；未做任何更改，请待其完成后重试</translation>
    </message>
    <message>
      <source>The book's passphrase is being removed: open it with the passphrase to finish that first.</source>
      <translation>案卷库的密码正在去除中：请先用密码打开它以完成此操作。</translation>
    </message>
    <message>
      <source>The journal {path} is damaged; the book is left as it is.</source>
      <translation>加锁转换记录 {path} 已损坏；案卷库保持原样。</translation>
    </message>
    <message>
      <source>Another Casebook (a window or a command) is using this book; close it and try again. Nothing was changed.</source>
      <translation>另一个 Casebook（窗口或命令）正在使用此案卷库；请先关闭它再试。没有做任何更改。</translation>
    </message>
    <message>
      <source>This book has a passphrase already.</source>
      <translation>此案卷库已设置密码。</translation>
    </message>
    <message>
      <source>The book is being locked: open it with its new passphrase to finish that first.</source>
      <translation>案卷库正在加锁中：请先用新密码打开它以完成此操作。</translation>
    </message>
    <message>
      <source>{path} did not read back as it was written; the book is left half-converted: try again.</source>
      <translation>{path} 读回的内容与写入的不一致；案卷库只转换了一部分：请重试。</translation>
    </message>
    <message>
      <source>{path} does not hold the bytes its name says.</source>
      <translation>{path} 的内容与其名称所示的不符。</translation>
    </message>
    <message>
      <source>The journal {path} cannot be read: {why}</source>
      <translation>无法读取加锁转换记录 {path}：{why}</translation>
    </message>
    <message>
      <source>{path} is still plain after locking.</source>
      <translation>加锁后 {path} 仍未加密。</translation>
    </message>
    <message>
      <source>{path} is still encrypted after removing the passphrase.</source>
      <translation>去除密码后 {path} 仍是加密的。</translation>
    </message>
    <message>
      <source>The copy of the database {path} did not come out whole; the database is left as it was.</source>
      <translation>数据库 {path} 的副本不完整，数据库保持原样。</translation>
    </message>
    <message>
      <source>The database {path} is in use by another program; close it and try again.</source>
      <translation>数据库 {path} 正被其他程序使用，请关闭后再试。</translation>
    </message>
    <message>
      <source>The database {path} does not open with this book's key: it is not encrypted, another book's, or damaged.</source>
      <translation>无法用本案卷库的密钥打开数据库 {path}：它未加密、属于另一个案卷库，或已损坏。</translation>
    </message>
    <message>
      <source>The database {path} is encrypted: it needs the book's passphrase.</source>
      <translation>数据库 {path} 已加密，需要案卷库的密码。</translation>
    </message>
    <message>
      <source>The key file {path} is damaged; without it the book cannot be opened.</source>
      <translation>密钥文件 {path} 已损坏；没有它，案卷库无法打开。</translation>
    </message>
    <message>
      <source>The key file {path} was written by a newer Casebook; it is left as it is.</source>
      <translation>密钥文件 {path} 由较新版本的 Casebook 写入，已保持原样。</translation>
    </message>
    <message>
      <source>Wrong passphrase: the book stays locked and nothing was changed.</source>
      <translation>密码错误：案卷库仍保持锁定，未做任何更改。</translation>
    </message>
    <message>
      <source>This book has no passphrase: there is no key file {path}.</source>
      <translation>此案卷库未设置密码：没有密钥文件 {path}。</translation>
    </message>
    <message>
      <source>The key file {path} cannot be read: {why}</source>
      <translation>无法读取密钥文件 {path}：{why}</translation>
    </message>
    <message>
      <source>Not enough memory to check the passphrase ({mib} MiB are needed); close other programs and try again.</source>
      <translation>内存不足，无法验证密码（需要 {mib} MiB）；请关闭其他程序后再试。</translation>
    </message>
    <message>
      <source>{name} is damaged: part {part} fails its check (changed, cut short or moved).</source>
      <translation>{name} 已损坏：第 {part} 部分未通过校验（被修改、截断或移动）。</translation>
    </message>
    <message>
      <source>an encrypted file</source>
      <translation>一个加密文件</translation>
    </message>
    <message>
      <source>{name} is damaged: it was cut short or changed.</source>
      <translation>{name} 已损坏：被截断或修改。</translation>
    </message>
    <message>
      <source>{name} is not a file Casebook encrypted.</source>
      <translation>{name} 不是 Casebook 加密的文件。</translation>
    </message>
    <message>
      <source>{name} was encrypted by a newer Casebook; it is left as it is.</source>
      <translation>{name} 由较新版本的 Casebook 加密，已保持原样。</translation>
    </message>
    <message>
      <source>{name} was encrypted with another book's key.</source>
      <translation>{name} 是用另一个案卷库的密钥加密的。</translation>
    </message>
    <message>
      <source>This deadline is not verified; check it before relying on it.</source>
      <translation>此期限未经核实，请先自行核对，再作为依据。</translation>
    </message>
    <message>
      <source>When you may escalate is not verified; check it before relying on it.</source>
      <translation>何时可以升级投诉未经核实，请先自行核对，再作为依据。</translation>
    </message>
    <message>
      <source>Promise</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Regulator deadline</source>
      <translation>监管期限</translation>
    </message>
    <message>
      <source>Case {id}: {title}</source>
      <translation>案卷 {id}：{title}</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <source>unknown letter kind {kind!r}; choose one of: {choices}</source>
      <translation>未知的信函类型：{kind!r}。请从以下选项中选择：{choices}</translation>
    </message>
    <message>
      <source>unknown letter language {lang!r}; choose one of: {choices}</source>
      <translation>未知的信函语言：{lang!r}。请从以下选项中选择：{choices}</translation>
    </message>
    <message>
      <source>no promise with id {id}</source>
      <translation>找不到编号为 {id} 的承诺。</translation>
    </message>
    <message>
      <source>promise {id} was kept; there is nothing to chase</source>
      <translation>编号为 {id} 的承诺已兑现，无需催办。</translation>
    </message>
    <message numerus="yes">
      <source>{n} day(s) counted from the day after the promise was made; due at the end of the last day</source>
      <translation>
        <numerusform>自承诺次日起算 {n} 天，至最后一天结束时到期</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} hour(s) from the time the promise was made</source>
      <translation>
        <numerusform>自承诺时起 {n} 小时</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>{n} working day(s) counted from the day after the promise was made (weekends and holidays skipped); due at the end of the last day</source>
      <translation>
        <numerusform>自承诺次日起算 {n} 个工作日（不含周末和节假日，调休上班日计入），至最后一天结束时到期</numerusform>
      </translation>
    </message>
    <message>
      <source>No holiday data for {years}: only Saturdays and Sundays were skipped, so the date may be off.</source>
      <translation>没有 {years} 年的节假日数据：只跳过了周六和周日，日期可能有偏差。</translation>
    </message>
    <message>
      <source>No official holiday notice for {years} yet: weekends and the statutory holidays (with the weekdays the law gives in place of those on a weekend) were skipped, but not the weekends the notice may make working days, so the date may be off by a day or two. Check the State Council's holiday notice.</source>
      <translation>{years} 年的放假安排通知尚未发布：已跳过周末和法定节假日（含法定节假日适逢周末时依法补假的工作日），但未计入通知可能安排的调休上班周末，日期可能相差一两天。请核对国务院办公厅发布的放假安排通知。</translation>
    </message>
    <message numerus="yes">
      <source>{n} characters are in none of the dossier's fonts and were written as their code points, e.g. [U+1F600]: {chars}</source>
      <translation>
        <numerusform>有 {n} 个字符不在证据材料所用的任何字体中，已改为写出其码位（如 [U+1F600]）：{chars}</numerusform>
      </translation>
    </message>
    <message>
      <source>{path} is a folder; give a file name for the dossier</source>
      <translation>{path} 是一个文件夹，请为证据材料指定文件名。</translation>
    </message>
    <message>
      <source>cannot write {path}: the folder {folder} does not exist</source>
      <translation>无法写入 {path}：文件夹 {folder} 不存在。</translation>
    </message>
    <message>
      <source>unknown dossier language {lang!r}; choose zh or en</source>
      <translation>未知的证据材料语言：{lang!r}。请选择 zh 或 en。</translation>
    </message>
    <message>
      <source>unknown paper size {paper!r}; choose a4 or letter</source>
      <translation>未知的纸张大小：{paper!r}。请选择 a4 或 letter。</translation>
    </message>
    <message>
      <source>the size budget must be more than 0 MB</source>
      <translation>文件大小上限必须大于 0 MB。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}): its stored print copy was missing or no longer matched its recorded SHA-256; the dossier shows one made afresh from the verified original</source>
      <translation>证据 {exhibit}（{name}）：已保存的打印副本缺失或与记录的 SHA-256 不符；材料中使用的是从已核验原件重新制作的副本</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}): its stored redacted copy was missing or no longer matched its recorded SHA-256; the dossier shows one made afresh from the verified original with the same boxes</source>
      <translation>证据 {exhibit}（{name}）：保存的遮盖后副本缺失或与记录的 SHA-256 不符；证据材料中显示的是按相同遮盖区域从已核验的原文件重新制作的副本</translation>
    </message>
    <message numerus="yes">
      <source>the dossier does not fit {budget:.1f} MB in one file even with its pictures at their smallest legible size ({px} px on the long side), so it was split into {n} volumes: {files}</source>
      <translation>
        <numerusform>即使图片压缩到仍清晰可辨的最小尺寸（长边 {px} 像素），证据材料也无法在一个文件内不超过 {budget:.1f} MB，因此分为 {n} 卷：{files}</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>volume {n} ({name}) is {size:.1f} MB, over the budget: one exhibit in it is larger than that by itself</source>
      <translation>
        <numerusform>第 {n} 卷（{name}）为 {size:.1f} MB，超过大小限制：其中一份证据本身就超过该大小</numerusform>
      </translation>
    </message>
    <message>
      <source>exhibits {list} cannot be printed (audio, video or other files); supply the files themselves with the dossier</source>
      <translation>证据 {list} 无法打印（音频、视频或其他文件），请将这些文件本身随证据材料一并提交。</translation>
    </message>
    <message>
      <source>the export was cancelled</source>
      <translation>导出已取消。</translation>
    </message>
    <message>
      <source>cannot write {path}: {reason}</source>
      <translation>无法写入 {path}：{reason}</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) uses fonts it does not embed ({fonts}); a reader without them shows substitutes</source>
      <translation>证据 {exhibit}（{name}）使用了未嵌入的字体（{fonts}），没有这些字体的阅读器会以替代字体显示。</translation>
    </message>
    <message>
      <source>to fit {budget:.1f} MB, images were re-rendered at {px} px on the long side (the dossier is {size:.1f} MB)</source>
      <translation>为控制在 {budget:.1f} MB 以内，图片已按长边 {px} 像素重新生成（证据材料现为 {size:.1f} MB）。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) could not be shown in the dossier ({reason}); it is listed to be supplied separately</source>
      <translation>证据 {exhibit}（{name}）无法在证据材料中显示（{reason}），已列入需另行提交的文件清单。</translation>
    </message>
    <message>
      <source>the dossier is {size:.1f} MB and cannot be made to fit {budget:.1f} MB: {other:.1f} MB of it is not images (PDF exhibits, text), which cannot be made smaller</source>
      <translation>证据材料为 {size:.1f} MB，无法压缩到 {budget:.1f} MB 以内：其中 {other:.1f} MB 不是图片（PDF 证据、文字），无法再缩小。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) no longer matches its recorded SHA-256 (recorded {recorded}, now {actual}): the stored file was changed or damaged; the dossier was not written</source>
      <translation>证据 {exhibit}（{name}）与记录的 SHA-256 值不再一致（记录值 {recorded}，现值 {actual}）：保存的文件已被修改或损坏，未生成证据材料。</translation>
    </message>
    <message>
      <source>case {case} has no evidence with id {ids}</source>
      <translation>编号为 {case} 的案卷中没有编号为 {ids} 的证据。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) is missing from the evidence store ({path}); the dossier was not written</source>
      <translation>证据库中缺少证据 {exhibit}（{name}）的文件（{path}），未生成证据材料。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) cannot be read: {error}; the dossier was not written</source>
      <translation>无法读取证据 {exhibit}（{name}）：{error}；未生成证据材料。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} ({name}) is missing from the evidence store; the dossier was not written</source>
      <translation>证据库中缺少证据 {exhibit}（{name}）的文件，未生成证据材料。</translation>
    </message>
    <message>
      <source>it has no pages</source>
      <translation>文件没有页面</translation>
    </message>
    <message>
      <source>the image cannot be decoded ({reason})</source>
      <translation>图片无法解码（{reason}）</translation>
    </message>
    <message>
      <source>it cannot be read as an e-mail: {reason}</source>
      <translation>无法作为电子邮件读取：{reason}</translation>
    </message>
    <message>
      <source>it is password-protected</source>
      <translation>文件受密码保护</translation>
    </message>
    <message>
      <source>it cannot be read as a PDF ({kind})</source>
      <translation>无法作为 PDF 读取（{kind}）</translation>
    </message>
    <message>
      <source>it has a page without a size</source>
      <translation>其中有一页没有页面尺寸</translation>
    </message>
    <message>
      <source>the image is too large to print</source>
      <translation>图片过大，无法打印</translation>
    </message>
    <message>
      <source>its pages could not be merged in ({kind})</source>
      <translation>其页面无法并入材料（{kind}）</translation>
    </message>
    <message>
      <source>its MIME structure is broken</source>
      <translation>邮件的 MIME 结构已损坏</translation>
    </message>
    <message>
      <source>it is a multipart message without a MIME boundary</source>
      <translation>这是一封缺少 MIME 分隔符的多部分邮件</translation>
    </message>
    <message>
      <source>its MIME boundary never appears in the body</source>
      <translation>邮件正文中找不到其 MIME 分隔符</translation>
    </message>
    <message>
      <source>it is too large to read as an email</source>
      <translation>文件太大，无法作为邮件读取</translation>
    </message>
    <message>
      <source>it does not begin with mail headers</source>
      <translation>文件开头不是邮件头</translation>
    </message>
    <message>
      <source>the message cannot be parsed ({kind})</source>
      <translation>无法解析该邮件（{kind}）</translation>
    </message>
    <message numerus="yes">
      <source>the PDF has {n} page(s); there is no page {page}</source>
      <translation>
        <numerusform>该 PDF 共 {n} 页，没有第 {page} 页</numerusform>
      </translation>
    </message>
    <message>
      <source>page {page} of the PDF is too large to redact</source>
      <translation>该 PDF 的第 {page} 页过大，无法遮盖</translation>
    </message>
    <message>
      <source>the PDF cannot be opened to redact it ({reason})</source>
      <translation>无法打开该 PDF 进行遮盖（{reason}）</translation>
    </message>
    <message>
      <source>the PDF is password-protected; it cannot be redacted</source>
      <translation>该 PDF 设有密码，无法遮盖</translation>
    </message>
    <message>
      <source>the PDF cannot be read to redact it ({reason})</source>
      <translation>无法读取该 PDF 进行遮盖（{reason}）</translation>
    </message>
    <message>
      <source>the PDF's pages cannot be counted for certain; it cannot be redacted</source>
      <translation>无法确定该 PDF 的页数，无法遮盖</translation>
    </message>
    <message>
      <source>the PDF cannot be redacted ({reason})</source>
      <translation>该 PDF 无法遮盖（{reason}）</translation>
    </message>
    <message>
      <source>a box is X,Y,W,H with X and Y from 0 and a width and height of at least 1 pixel, not {text!r}</source>
      <translation>遮盖区域的格式为 X,Y,W,H：X 和 Y 不小于 0，宽和高至少 1 像素，而不是 {text!r}</translation>
    </message>
    <message>
      <source>a box on a page is P:X,Y,W,H with the page P counted from 1, not {text!r}</source>
      <translation>页面上的遮盖框写作 P:X,Y,W,H（页码 P 从 1 起），而不是 {text!r}</translation>
    </message>
    <message>
      <source>give at least one box to black out</source>
      <translation>请至少给出一个要遮盖的区域</translation>
    </message>
    <message numerus="yes">
      <source>at most {n} boxes on one picture</source>
      <translation>
        <numerusform>一张图片最多只能有 {n} 个遮盖区域</numerusform>
      </translation>
    </message>
    <message>
      <source>a box is X,Y,W,H in whole pixels, not {text!r}</source>
      <translation>遮盖区域的格式为 X,Y,W,H（整数像素），而不是 {text!r}</translation>
    </message>
    <message>
      <source>the box {box} is outside the picture ({width}×{height} pixels)</source>
      <translation>遮盖区域 {box} 在图片之外（图片为 {width}×{height} 像素）</translation>
    </message>
    <message>
      <source>the picture cannot be read to redact it ({reason})</source>
      <translation>无法读取这张图片，因此无法遮盖（{reason}）</translation>
    </message>
    <message>
      <source>from the photo's EXIF</source>
      <translation>据照片信息</translation>
    </message>
    <message>
      <source>from the email's date</source>
      <translation>据邮件日期</translation>
    </message>
    <message>
      <source>from the file name</source>
      <translation>据文件名</translation>
    </message>
    <message>
      <source>from the screen</source>
      <translation>据截图画面</translation>
    </message>
    <message>
      <source>from the file's time</source>
      <translation>据文件修改时间</translation>
    </message>
    <message>
      <source>set by you</source>
      <translation>本人填写</translation>
    </message>
    <message>
      <source>time unknown</source>
      <translation>时间未知</translation>
    </message>
    <message>
      <source>{time} ({source})</source>
      <translation>{time}（{source}）</translation>
    </message>
    <message>
      <source>the change was not saved: {reason}</source>
      <translation>更改未保存：{reason}</translation>
    </message>
    <message>
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>case {id} exists already</source>
      <translation>编号为 {id} 的案卷已存在。</translation>
    </message>
    <message>
      <source>case {id} has no broken promise to chase</source>
      <translation>编号为 {id} 的案卷没有需要催办的未兑现承诺。</translation>
    </message>
    <message>
      <source>no preview: the image cannot be decoded</source>
      <translation>无预览：无法解码该图片</translation>
    </message>
    <message>
      <source>no preview: {kind} images cannot be shown here</source>
      <translation>无预览：此处无法显示 {kind} 图片</translation>
    </message>
    <message>
      <source>no preview: the image is too large to show</source>
      <translation>无预览：图片太大，无法显示</translation>
    </message>
    <message>
      <source>no preview: it could not be made</source>
      <translation>无预览：无法生成预览</translation>
    </message>
    <message>
      <source>evidence {id} exists already</source>
      <translation>编号为 {id} 的证据已存在。</translation>
    </message>
    <message>
      <source>exhibit {exhibit} exists already</source>
      <translation>证据 {exhibit} 已存在。</translation>
    </message>
    <message>
      <source>the same file is in this case already as {exhibit}</source>
      <translation>同一文件已作为 {exhibit} 收入本案卷。</translation>
    </message>
    <message>
      <source>the file of {exhibit} is missing from the evidence store</source>
      <translation>证据库中缺少 {exhibit} 的文件。</translation>
    </message>
    <message>
      <source>it is a link; add the file it points to directly if you mean it</source>
      <translation>这是一个链接；如确需添加，请直接添加它指向的文件</translation>
    </message>
    <message>
      <source>malformed email, kept as a file: {reason}</source>
      <translation>邮件格式有误，已作为普通文件保存：{reason}</translation>
    </message>
    <message>
      <source>it is a folder, not a file</source>
      <translation>这是文件夹，不是文件</translation>
    </message>
    <message>
      <source>it is not a regular file (a device, pipe or socket)</source>
      <translation>这不是普通文件（而是设备、管道或套接字）</translation>
    </message>
    <message>
      <source>the file is empty</source>
      <translation>文件是空的</translation>
    </message>
    <message>
      <source>no such file</source>
      <translation>文件不存在</translation>
    </message>
    <message>
      <source>the file cannot be read: permission denied</source>
      <translation>无法读取文件：没有访问权限</translation>
    </message>
    <message>
      <source>the file cannot be read: {reason}</source>
      <translation>无法读取文件：{reason}</translation>
    </message>
    <message>
      <source>the message has no readable date; the file's time is used</source>
      <translation>邮件中没有可识别的日期，已改用文件的时间</translation>
    </message>
    <message>
      <source>the message may be cut off: its closing MIME boundary is missing</source>
      <translation>邮件可能不完整：缺少结尾的 MIME 分隔符</translation>
    </message>
    <message>
      <source>empty attachments left out: {names}</source>
      <translation>已略去空附件：{names}</translation>
    </message>
    <message>
      <source>the file could not be stored: {reason}</source>
      <translation>无法保存文件：{reason}</translation>
    </message>
    <message>
      <source>the folder cannot be read: {reason}</source>
      <translation>无法读取文件夹：{reason}</translation>
    </message>
    <message>
      <source>no preview: it could not be made ({reason})</source>
      <translation>无预览：无法生成预览（{reason}）</translation>
    </message>
    <message>
      <source>not imported: the import stopped at the error before</source>
      <translation>未导入：导入已在前一个错误处停止</translation>
    </message>
    <message>
      <source>the folder has no files to import</source>
      <translation>文件夹中没有可导入的文件</translation>
    </message>
    <message>
      <source>institution kind</source>
      <translation>机构类型</translation>
    </message>
    <message>
      <source>an institution needs a name</source>
      <translation>机构需要填写名称。</translation>
    </message>
    <message>
      <source>unknown institution fields: {names}</source>
      <translation>未知的机构字段：{names}</translation>
    </message>
    <message>
      <source>the directory already has {name}</source>
      <translation>机构名录中已有“{name}”。</translation>
    </message>
    <message>
      <source>no event with id {id}</source>
      <translation>找不到编号为 {id} 的记录。</translation>
    </message>
    <message>
      <source>no institution with id {id}</source>
      <translation>找不到编号为 {id} 的机构。</translation>
    </message>
    <message>
      <source>no evidence with id {id}</source>
      <translation>找不到编号为 {id} 的证据。</translation>
    </message>
    <message>
      <source>entry {event} belongs to another case</source>
      <translation>编号为 {event} 的记录属于另一个案卷。</translation>
    </message>
    <message>
      <source>the {field} contains control characters</source>
      <translation>{field}中含有控制字符。</translation>
    </message>
    <message>
      <source>the {field} is too long</source>
      <translation>{field}过长。</translation>
    </message>
    <message>
      <source>{value!r} is not an e-mail address</source>
      <translation>{value!r} 不是有效的电子邮箱地址。</translation>
    </message>
    <message>
      <source>name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <source>phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>e-mail</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>cannot read the profile {path}: not a JSON object</source>
      <translation>无法读取个人信息文件 {path}：内容不是 JSON 对象。</translation>
    </message>
    <message>
      <source>unknown profile fields: {names}</source>
      <translation>未知的个人信息字段：{names}</translation>
    </message>
    <message>
      <source>cannot read the profile {path}: {error}</source>
      <translation>无法读取个人信息文件 {path}：{error}</translation>
    </message>
    <message>
      <source>the picture cannot be decoded</source>
      <translation>图片无法解码</translation>
    </message>
    <message>
      <source>the picture is too large to read</source>
      <translation>图片太大，无法识别</translation>
    </message>
    <message>
      <source>there was not enough memory to read it</source>
      <translation>内存不足，无法识别</translation>
    </message>
    <message>
      <source>the reading process stopped before it finished</source>
      <translation>识别进程在完成前停止了</translation>
    </message>
    <message>
      <source>the text recognition failed on it</source>
      <translation>文字识别失败</translation>
    </message>
    <message>
      <source>{what} (from the call log in {exhibit})</source>
      <translation>{what}（来自 {exhibit} 中的通话记录）</translation>
    </message>
    <message>
      <source>Missed call from {number}</source>
      <translation>{number} 的未接来电</translation>
    </message>
    <message>
      <source>Call from {number}</source>
      <translation>{number} 的来电</translation>
    </message>
    <message>
      <source>{summary}; the call log shows the day, not the time</source>
      <translation>{summary}；通话记录只显示日期，没有具体时间</translation>
    </message>
    <message>
      <source>unknown source of a capture time: {source}</source>
      <translation>未知的形成时间来源：{source}</translation>
    </message>
    <message>
      <source>only pictures and PDF files can be read</source>
      <translation>只能识别图片和 PDF 文件</translation>
    </message>
    <message>
      <source>more pages than boxes were given</source>
      <translation>给出的页码多于遮盖框</translation>
    </message>
    <message>
      <source>exhibit {exhibit} is neither a picture nor a PDF document; only those can be redacted</source>
      <translation>证据 {exhibit} 既不是图片也不是 PDF 文件；只有这两类可以遮盖</translation>
    </message>
    <message>
      <source>the file of exhibit {exhibit} is missing from the evidence store</source>
      <translation>证据 {exhibit} 的文件在证据库中缺失</translation>
    </message>
    <message>
      <source>the file of exhibit {exhibit} no longer matches its recorded SHA-256; run verify</source>
      <translation>证据 {exhibit} 的文件与记录的 SHA-256 不再一致；请运行检查</translation>
    </message>
    <message>
      <source>exhibit {exhibit} is a picture: it has no pages to choose</source>
      <translation>证据 {exhibit} 是图片，没有可选的页码</translation>
    </message>
    <message>
      <source>event {id} exists already</source>
      <translation>编号为 {id} 的记录已存在。</translation>
    </message>
    <message>
      <source>promise state</source>
      <translation>承诺状态</translation>
    </message>
    <message>
      <source>category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>jurisdiction</source>
      <translation>适用地区</translation>
    </message>
    <message>
      <source>channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>unknown {what} {value!r}; choose one of: {choices}</source>
      <translation>未知的{what}：{value!r}。请从以下选项中选择：{choices}</translation>
    </message>
    <message>
      <source>{text} is not an amount: write it like 1280.50</source>
      <translation>“{text}”不是金额：请按 1280.50 的格式填写</translation>
    </message>
    <message>
      <source>the amount must be more than zero</source>
      <translation>金额必须大于零</translation>
    </message>
    <message>
      <source>the amount is too large</source>
      <translation>金额过大。</translation>
    </message>
    <message>
      <source>an amount has at most two decimal places (fen)</source>
      <translation>金额最多保留两位小数（到分）</translation>
    </message>
    <message>
      <source>a case needs a title</source>
      <translation>案卷需要填写标题。</translation>
    </message>
    <message>
      <source>a case needs the institution it is against</source>
      <translation>案卷需要填写被投诉的机构。</translation>
    </message>
    <message>
      <source>the time of an event needs a time zone</source>
      <translation>记录的时间需要带有时区。</translation>
    </message>
    <message>
      <source>a duration cannot be negative</source>
      <translation>时长不能为负数。</translation>
    </message>
    <message>
      <source>the duration is too long</source>
      <translation>时长过长。</translation>
    </message>
    <message>
      <source>a promise's due time needs a time zone</source>
      <translation>承诺的期限需要带有时区。</translation>
    </message>
    <message>
      <source>cannot read the time {text!r}; use YYYY-MM-DD HH:MM</source>
      <translation>无法识别时间 {text!r}；请使用 YYYY-MM-DD HH:MM 格式</translation>
    </message>
    <message>
      <source>the year must be between {first} and {last}</source>
      <translation>年份必须在 {first} 至 {last} 之间</translation>
    </message>
  </context>
</TS>
