#!/usr/bin/env bash
# The release smoke set, against an INSTALLED `zjtx` (a wheel in a fresh venv, or the frozen
# folder), run from an empty temporary directory that is not the checkout:
#   forms list · validate the demo · export pdf/docx/xlsx (read back) · verify (the 校验码 and
#   the PDF itself) · an exchange package received in a workspace and part 六 signed by the
#   推荐单位 (pyhanko[opentype]: uharfbuzz shapes the CJK field text), verified · gui --smoke
# The demo data comes from the installed application's own data root, which must be inside the
# package (never the checkout): that is what proves the data ships.
# Usage: scripts/smoke.sh ZJTX [WINDOWED]   (WINDOWED: the frozen build's windowed executable)
# Needs: python3 (standard library only), pdftotext and pdffonts (poppler-utils).
set -euo pipefail
zjtx=$(realpath "$1")
windowed=""
if [ $# -ge 2 ]; then windowed=$(realpath "$2"); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
export ZJTX_USER_DATA="$work/user" ZJTX_CACHE="$work/cache" QT_QPA_PLATFORM=offscreen
unset ZJTX_HOME ZJTX_DB
fail() { echo "SMOKE FAILED: $*" >&2; exit 1; }
step() { echo "-- $*"; }

step "zjtx --version"
"$zjtx" --version > version.txt || fail "--version exited $?"
head -1 version.txt
grep -q "nat-xjr-application-2021" version.txt || fail "--version lists no 申请书"

"$zjtx" about --json > about.json
read -r kind root < <(python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); print(a["data_root_kind"], a["data_root"])' about.json)
[ "$kind" = package ] || fail "data root is '$kind' ($root), not inside the package"
demo="$root/resources/demo"
echo "data root: $root"

step "forms list"
"$zjtx" forms list > forms.txt
grep -q "^nat-xjr-application-2021 " forms.txt || fail "forms list lacks the 申请书"

step "validate the demo 申请书"
"$zjtx" validate nat-xjr-application-2021 "$demo/nat-xjr-application-2021.json" > validate.txt 2>&1 || fail "validate exited $?"
tail -1 validate.txt
grep -q "共 0 个错误" validate.txt || fail "the demo does not validate"

step "export pdf / docx / xlsx"
"$zjtx" export nat-xjr-application-2021 "$demo/nat-xjr-application-2021.json" -o a.pdf
"$zjtx" export nat-zd-basic-2021 "$demo/nat-zd-basic-2021.json" -o b.docx
"$zjtx" export nat-zd-targets-2021 "$demo/nat-zd-targets-2021.json" -o c.xlsx
pdftotext a.pdf a.txt
grep -q "专精特新" a.txt || fail "the PDF's text has no Chinese"
# the CJK font is embedded (a missing font would print boxes on the county's printer)
pdffonts a.pdf | grep -i "ZJTXSerif" | grep -q " yes yes " || fail "CJK font not embedded: $(pdffonts a.pdf)"
# the .docx and .xlsx read back (their XML text, entities decoded): each carries its form's title
office_text() {
  python3 - "$1" "$2" <<'PY'
import sys, zipfile, xml.etree.ElementTree as ET
with zipfile.ZipFile(sys.argv[1]) as z:
    print("".join(ET.fromstring(z.read(sys.argv[2])).itertext()))
PY
}
office_text b.docx word/document.xml | grep -q "企业基本情况表" || fail "the .docx lacks its title"
office_text c.xlsx xl/worksheets/sheet1.xml | grep -q "企业目标表" || fail "the .xlsx lacks its title"

step "verify the PDF's 校验码 against the data"
code=$(grep -o -m1 "校验码 [0-9A-F]\{12\}" a.txt | cut -d' ' -f2)
[ -n "$code" ] || fail "no 校验码 in the PDF footer"
"$zjtx" verify "$demo/nat-xjr-application-2021.json" "$code" || fail "verify says the data differs"
step "verify the PDF itself (pages re-created from its embedded DATA.json)"
"$zjtx" verify a.pdf || fail "verify a.pdf exited $?"

step "the 推荐单位 signs part 六 (package → workspace → review sign): CJK field text via uharfbuzz"
export ZJTX_KEY_PASSPHRASE=smoke-passphrase
draft=$("$zjtx" --db ent.sqlite drafts import "$demo/nat-xjr-application-2021.json" | tail -1)
"$zjtx" --db ent.sqlite keys create --draft "$draft" > /dev/null
mkdir pkg
"$zjtx" --db ent.sqlite package export --draft "$draft" --to pkg > /dev/null || fail "package export exited $?"
"$zjtx" workspace init ws.sqlite --unit 某县工业和信息化局 --level 县 --programme nat-xjr-2021b3 --officer 张三 > /dev/null
"$zjtx" inbox import --workspace ws.sqlite pkg/*.zjtx > /dev/null || fail "inbox import exited $?"
"$zjtx" review part6 --workspace ws.sqlite "$draft" class_indicator=a mandatory_indicators=1,3,4,5,6 \
  review_class=a review_mandatory_count=5 review_opinion=同意 review_date=2021-05-06 || fail "review part6 exited $?"
"$zjtx" review state --workspace ws.sqlite "$draft" 拟推荐 || fail "review state exited $?"
"$zjtx" workspace key ws.sqlite --credit-code 11220100013544357T > /dev/null
"$zjtx" review sign --workspace ws.sqlite "$draft" -o signed.pdf || fail "review sign exited $?"
"$zjtx" verify signed.pdf > verify-signed.txt || fail "verify signed.pdf exited $?: $(cat verify-signed.txt)"
grep -q "RecommenderSeal：签名有效" verify-signed.txt || fail "the 推荐单位's signature is not reported valid"
# the date's numbers in the gaps of 日　期：　　年　　月　　日, as the official writes them
pdftotext -layout signed.pdf signed.txt
grep -qE "期：\s*2021\s*年\s*5\s*月\s*6\s*日" signed.txt || fail "part 六's date is not on the signed page"
unset ZJTX_KEY_PASSPHRASE

step "gui --smoke (offscreen)"
"$zjtx" gui --smoke || fail "zjtx gui --smoke exited $?"
if [ -n "$windowed" ]; then
  step "windowed executable --smoke"
  "$windowed" --smoke || fail "$windowed --smoke exited $?"
fi

echo "SMOKE OK: $zjtx"
