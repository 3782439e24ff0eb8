"""Real files for the evidence tests: images made with Pillow, emails made with the stdlib."""

from __future__ import annotations

import base64
import hashlib
import io
import zipfile
from email import encoders
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from pathlib import Path

from PIL import Image, ImageDraw

from desktop_app.records import CaseFields

CASE = CaseFields(title="建行小程序转账失败", institution_name="建设银行")


def sha256(data: bytes | Path) -> str:
    return hashlib.sha256(data.read_bytes() if isinstance(data, Path) else data).hexdigest()


def image_bytes(fmt: str, size: tuple[int, int] = (640, 480), color: str = "steelblue",
                mode: str = "RGB", text: str = "", **save: object) -> bytes:
    im = Image.new(mode, size, color)
    draw = ImageDraw.Draw(im)
    draw.rectangle((10, 10, size[0] // 2, size[1] // 2), fill="white" if mode != "1" else 1)
    if text:
        draw.text((20, 20), text, fill="black" if mode != "1" else 0)
    buf = io.BytesIO()
    im.save(buf, fmt, **save)
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def exif_jpeg(size: tuple[int, int] = (400, 200), orientation: int = 6,
              taken: str = "2024:03:01 10:15:30", offset: str | None = None) -> bytes:
    """A photo as a phone takes it held upright: stored landscape, Orientation says rotate."""
    im = Image.new("RGB", size, "red")
    ImageDraw.Draw(im).rectangle((0, 0, size[0] // 4, size[1] // 4), fill="blue")
    exif = Image.Exif()
    exif[0x0112] = orientation
    ifd = exif.get_ifd(0x8769)
    ifd[36867] = taken
    if offset is not None:
        ifd[36881] = offset
    buf = io.BytesIO()
    im.save(buf, "JPEG", exif=exif, quality=90)
    return buf.getvalue()


def truncated_png() -> bytes:
    whole = image_bytes("PNG", (800, 600), text="cut off")
    return whole[: len(whole) * 2 // 3]


def pdf_bytes(text: str = "statement") -> bytes:
    return (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% " + text.encode() +
            b"\ntrailer << /Root 1 0 R >>\n%%EOF\n")


def docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    return buf.getvalue()


# ---- email ----------------------------------------------------------------------------------

def b_word(text: str, charset: str = "GBK") -> str:
    """An RFC 2047 encoded word, B encoding: ``=?GBK?B?...?=``."""
    codec = "gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset
    return f"=?{charset}?B?{base64.b64encode(text.encode(codec)).decode()}?="


def q_word(text: str, charset: str = "gb2312") -> str:
    """An RFC 2047 encoded word, Q encoding: ``=?gb2312?Q?...?=``."""
    codec = "gb18030" if charset.lower() in ("gbk", "gb2312", "gb18030") else charset
    encoded = "".join(chr(b) if (chr(b).isalnum() and b < 128) else f"={b:02X}"
                      for b in text.encode(codec))
    return f"=?{charset}?Q?{encoded}?="


BANK = "kefu@ccb.example.com"
ME = "zhang.san@example.cn"
SUBJECT = "关于您投诉的答复（编号20240301-0001）"
BODY = ("张先生您好：\n\n您反映的转账问题已受理，我行将在15个工作日内答复。镕\n\n"
        "中国建设银行客户服务中心")


def gbk_email(*, attachments: bool = True, sender: str = BANK, to: str = ME,
              date: str = "Fri, 01 Mar 2024 10:00:00 +0800") -> bytes:
    """A bank's reply as Chinese mail systems send it: GBK everywhere, headers in RFC 2047
    (``=?GBK?B?`` and ``=?gb2312?Q?``), a gb2312-declared body holding a GBK-only character
    (镕), a PDF statement and a screenshot attached with encoded Chinese names."""
    msg = MIMEMultipart("mixed")
    msg["From"] = f"{b_word('中国建设银行客服中心')} <{sender}>"
    msg["To"] = f"{q_word('张三')} <{to}>" if to == ME else to
    msg["Cc"] = f"{b_word('投诉处理部', 'gb2312')} <complaints@ccb.example.com>"
    msg["Subject"] = q_word(SUBJECT)
    msg["Date"] = date
    msg["Message-ID"] = "<20240301100000.1@ccb.example.com>"
    body = MIMEBase("text", "plain", charset="gb2312")
    body.set_payload(base64.encodebytes(BODY.encode("gbk")).decode())
    body["Content-Transfer-Encoding"] = "base64"
    msg.attach(body)
    if attachments:
        pdf = MIMEApplication(pdf_bytes("对账单"), "pdf")
        pdf.add_header("Content-Disposition", "attachment",
                       filename=b_word("对账单2024年3月.pdf"))
        msg.attach(pdf)
        png = MIMEBase("image", "png")
        png.set_payload(image_bytes("PNG", (300, 500), "white", text="screenshot"))
        encoders.encode_base64(png)
        png.add_header("Content-Disposition", "attachment",
                       filename=("gbk", "", "转账截图.png"))  # RFC 2231
        msg.attach(png)
    return msg.as_bytes()


def utf8_email(html: bool = False) -> bytes:
    msg = MIMEMultipart("mixed")
    msg["From"] = f"{b_word('招商银行信用卡中心', 'UTF-8')} <service@cmb.example.com>"
    msg["To"] = ME
    msg["Subject"] = b_word("您的账单分期申请结果 📄", "UTF-8")
    msg["Date"] = "Mon, 04 Mar 2024 09:30:00 +0000"
    if html:
        part = MIMEText("<html><head><style>p{color:red}</style><script>alert(1)</script>"
                        "</head><body><p>尊敬的客户：</p><p>您的申请&nbsp;<b>未通过</b>"
                        "&amp;已关闭。</p><table><tr><td>金额</td><td>5000.00</td></tr></table>"
                        "</body></html>", "html", "utf-8")
    else:
        part = MIMEText("尊敬的客户：您的分期申请未通过。😞", "plain", "utf-8")
    msg.attach(part)
    return msg.as_bytes()


def malformed_email() -> bytes:
    """Mail headers, a multipart type, and a body in which the boundary never appears."""
    return (b"From: someone@example.com\r\nTo: me@example.cn\r\nSubject: broken\r\n"
            b"Date: Fri, 01 Mar 2024 10:00:00 +0800\r\nMIME-Version: 1.0\r\n"
            b'Content-Type: multipart/mixed; boundary="never-there"\r\n\r\n'
            b"This is not MIME at all.\r\n")
