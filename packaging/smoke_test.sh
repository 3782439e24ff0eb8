#!/usr/bin/env bash
# Smoke test of the BUILT bundle, with no Python: only the bundle's executable, coreutils and
# poppler (pdffonts, pdftotext). Meant to run in a bare environment:
#   env -i PATH=/usr/bin:/bin bash packaging/smoke_test.sh dist/Casebook
# A fresh data folder each run; the window is opened offscreen and closed again.
set -euo pipefail
bundle="$(cd "${1:-dist/Casebook}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
exe="$bundle/casebook"
[ -x "$exe" ] || { echo "smoke: no executable at $exe" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" CASEBOOK_DATA_DIR="$work/data" LANG=C.UTF-8 LC_ALL=C.UTF-8
mkdir -p "$HOME"
passed=0
failed=0
step() { echo "smoke: $1"; }
ok() { passed=$((passed + 1)); echo "  ok: $1"; }
fail() { failed=$((failed + 1)); echo "  FAILED: $1" >&2; }
cb() { "$exe" "$@"; }

step "version"
v="$(cb --version)"; echo "  $v"
case "$v" in *"(frozen app)"*) ok "--version says frozen" ;; *) fail "--version: $v" ;; esac

step "case, call, evidence (with OCR)"
case_id="$(cb case new --title "建行小程序转账金额显示错误" --institution 中国建设银行 \
  --amount 5000.00 --incident-at "2024-10-28 14:05" --desired-outcome "更正显示并书面说明原因")"
[ "$case_id" = 1 ] && ok "case new -> $case_id" || fail "case new printed '$case_id'"
cb event add "$case_id" --channel call --at "2024-11-01 09:30" --contact 95533 \
  --counterpart "王女士 工号1234" --duration 12 --summary "报告金额显示错误" \
  --ref 投诉号=CCB20241101-0042 --promise "三个工作日内回电" --due "2024-11-06 18:00" >/dev/null \
  && ok "event add (call)" || fail "event add"
cp "$here/smoke/transfer.png" "$here/smoke/reply.eml" "$work/"
cb evidence add "$case_id" "$work/transfer.png" "$work/reply.eml" --proves "显示金额错误" \
  && ok "evidence add png + eml" || fail "evidence add"
hits="$(cb search REFUND)"; echo "$hits" | head -3
echo "$hits" | grep -q "REFUND" && ok "search finds a word read by OCR from the picture" \
  || fail "search REFUND found nothing (OCR)"
cb search 15 >/dev/null && ok "search runs" || fail "search"

step "Chinese dossier"
cb export "$case_id" -o "$work/dossier.pdf" --lang zh >/dev/null && ok "export --lang zh" \
  || fail "export"
if [ -s "$work/dossier.pdf" ]; then
  fonts="$(pdffonts "$work/dossier.pdf")"
  if echo "$fonts" | tail -n +3 | awk '{ if ($(NF-4) != "yes") bad=1 } END { exit bad }'; then
    ok "every font embedded ($(echo "$fonts" | tail -n +3 | wc -l) fonts)"
  else
    echo "$fonts"; fail "a font is not embedded"
  fi
  pdftotext "$work/dossier.pdf" "$work/dossier.txt"
  grep -q "中国建设银行" "$work/dossier.txt" && ok "dossier text has 中国建设银行" \
    || fail "dossier text lacks 中国建设银行"
fi

step "verify, backup, restore"
cb verify >/dev/null && ok "verify" || fail "verify"
cb backup -o "$work/backup.zip" >/dev/null && ok "backup" || fail "backup"
mkdir -m 700 "$work/restored"
cb restore "$work/backup.zip" --into "$work/restored" >/dev/null && ok "restore --into" \
  || fail "restore"
back="$(cb --data-dir "$work/restored" case list)"
echo "$back" | grep -q "建行小程序" && ok "restored folder has the case" \
  || fail "restored folder lacks the case: $back"

step "window (offscreen): opens and closes"
if QT_QPA_PLATFORM=offscreen CASEBOOK_QUIT_AFTER_START=1 timeout 120 "$exe" \
    >"$work/gui.log" 2>&1; then
  ok "window opened and closed (exit 0)"
else
  cat "$work/gui.log" >&2; fail "window exit $?"
fi

step "lock (SQLCipher and sealed files in the bundle)"
locked="$work/restored"
CASEBOOK_PASSPHRASE="冒烟 smoke" cb --data-dir "$locked" lock >/dev/null && ok "lock" \
  || fail "lock"
if cb --data-dir "$locked" case list </dev/null >/dev/null 2>&1; then
  fail "a locked book opened without its passphrase"
else
  ok "no passphrase: refused"
fi
back="$(CASEBOOK_PASSPHRASE="冒烟 smoke" cb --data-dir "$locked" case list)"
echo "$back" | grep -q "建行小程序" && ok "with it: the case reads" || fail "locked: $back"
if grep -rqF "建行小程序" "$locked"; then fail "a plain title under the locked folder"; else
  ok "no plain title in any file"; fi

echo "smoke: $passed steps ok, $failed failed"
[ "$failed" -eq 0 ]
