"""The README's screenshots of the main window, made from the same sample case as its dossier
pages (``bench/dossier.py --sample``) beside three other cases, as the window shows them on
19 November 2024 (the bank's 15 days have run out; a promise is broken).

    uv run python bench/window_sample.py resources/screenshots

writes ``main-window-zh.png`` and ``main-window-en.png`` (1280×800, offscreen). Each language
is a fresh process, as a person's start is.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SIZE = (1280, 800)

CHILD = """
import sys
from pathlib import Path
import desktop_app.timeutil as timeutil
from dossier import SAMPLE_MADE
timeutil.now = lambda: SAMPLE_MADE  # before the modules that import it load

from PySide6.QtCore import QTimer
from ui.app import start

data_dir, case_id, event_id, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
app, window, book = start(data_dir)
window.resize({width}, {height})
window.select_case(case_id)
window.select_event(event_id)

def shoot():
    window.grab().save(out)
    app.quit()

def when_settled():
    QTimer.singleShot(1500, shoot)  # thumbnails read in the background

if window.settled:
    when_settled()
else:
    window.startupSettled.connect(when_settled)
app.exec()
"""


def build(data_dir: Path, files: Path) -> tuple[int, int]:
    """The sample case and three others; (the sample's id, its first call's id)."""
    from dossier import SAMPLE_OPENED, build_sample

    import desktop_app.timeutil as timeutil

    timeutil.now = lambda: SAMPLE_OPENED
    case_id = build_sample(data_dir, files)

    from desktop_app.records import CaseFields, EventFields, ReferenceData
    from desktop_app.services.book import Casebook
    from desktop_app.timeutil import parse_time

    with Casebook.open(data_dir) as book:
        wallet = book.cases.create_case(CaseFields(
            title="数字人民币钱包无法开通", institution_name="中国邮政储蓄银行",
            product="邮储银行手机银行", category="function_fault"))
        book.timeline.add_event(wallet.id, EventFields(
            at=parse_time("2024-11-05 10:20"), channel="call", direction="out", contact="95580",
            summary="致电95580：客服称“系统升级”，请三个工作日后再试",
            references=(ReferenceData("PSBC-20241105-0007", "投诉号"),)))
        loan = book.cases.create_case(CaseFields(
            title="消费贷提现被冻结", institution_name="招联消费金融",
            category="frozen_funds"))
        book.timeline.add_event(loan.id, EventFields(
            at=parse_time("2024-11-12 19:40"), channel="app", direction="out",
            summary="在App内提交申诉，上传身份证与收入证明"))
        calls = book.cases.create_case(CaseFields(
            title="招商银行信用卡营销电话骚扰", institution_name="招商银行",
            category="unwanted_calls"))
        start = parse_time("2024-11-04 09:12")
        for day in range(12):
            book.timeline.add_event(calls.id, EventFields(
                at=start + timedelta(days=day, hours=(day * 5) % 9), channel="unsolicited",
                direction="in", contact="95555", summary="营销来电：推荐分期"))
        call = next(e for e in book.timeline.list_events(case_id) if e.channel == "call")
    return case_id, call.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder for main-window-{zh,en}.png")
    args = parser.parse_args()
    os.environ.setdefault("CASEBOOK_TZ", "Asia/Shanghai")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        case_id, event_id = build(data_dir, Path(tmp) / "files")
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "bench")])}
        code = CHILD.format(width=SIZE[0], height=SIZE[1])
        for lang, setting in (("zh", "zh_CN"), ("en", "en")):
            settings = data_dir / "settings.json"
            settings.write_text(json.dumps({"language": setting}), encoding="utf-8")
            target = args.out / f"main-window-{lang}.png"
            subprocess.run([sys.executable, "-c", code, str(data_dir), str(case_id),
                            str(event_id), str(target)], env=env, check=True, cwd=ROOT,
                           stderr=subprocess.DEVNULL)
            print(target)


if __name__ == "__main__":
    main()
