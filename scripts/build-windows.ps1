<#
.SYNOPSIS
  Build the one-folder Windows application: dist\ZJTX\ with zjtx.exe (console, the command line)
  and ZJTX-Desktop.exe (windowed, the application), plus dist\ZJTX-<version>-windows-x64.zip.

.DESCRIPTION
  NOT TESTED: the project has no Windows machine. This script mirrors scripts/build.sh step by step;
  the first Windows release must run it by hand and go through the checklist in README.md
  ("Windows release: what to check by hand"). PyInstaller does not cross-compile, so this runs
  on Windows 10/11 x64 with Python 3.11+ from python.org (the `py` launcher).

  Windows file names ignore case, so the windowed executable cannot be called ZJTX.exe beside
  zjtx.exe: it is ZJTX-Desktop.exe (scripts/bundle/zjtx.spec).

.PARAMETER Smoke
  After the build, run a reduced smoke set against dist\ZJTX (no poppler on Windows: the PDF's
  text and fonts are not read back here; CI does that on Linux).

.PARAMETER SignThumbprint
  SHA-1 thumbprint of an Authenticode code-signing certificate in the user's certificate store.
  When given, both executables are signed with signtool and an RFC 3161 timestamp. Unsigned
  bootloaders are often flagged by antivirus software.

.PARAMETER TimestampUrl
  RFC 3161 timestamp server of the certificate's CA (needs network at signing time only).

.EXAMPLE
  powershell -ExecutionPolicy Bypass -File scripts\build-windows.ps1 -Smoke
#>
param(
  [switch]$Smoke,
  [string]$SignThumbprint = "",
  [string]$TimestampUrl = "http://timestamp.digicert.com"
)
$ErrorActionPreference = "Stop"
# zjtx.exe prints UTF-8 (the build turns on Python's UTF-8 mode); read it as such. This file is
# saved as UTF-8 *with BOM* so that Windows PowerShell 5.1 reads its Chinese literals correctly.
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8
Set-Location (Join-Path $PSScriptRoot "..")

function Invoke-Checked([string]$exe, [string[]]$arguments) {
  & $exe @arguments
  if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') exited $LASTEXITCODE" }
}

$venv = "build\bundle-venv"
$start = Get-Date
# build\lib too: setuptools builds in-tree and never empties it (stale data would ship)
foreach ($d in @($venv, "build\pyinstaller", "build\lib", "dist\ZJTX")) {
  if (Test-Path $d) { Remove-Item -Recurse -Force $d }
}
Invoke-Checked "py" @("-3", "-m", "venv", $venv)
$py = Join-Path $venv "Scripts\python.exe"
Invoke-Checked $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
# non-editable: forms\ and resources\ are copied into the package as zjtx_desktop\_data
Invoke-Checked $py @("-m", "pip", "install", "-q", ".[bundle]")
Invoke-Checked (Join-Path $venv "Scripts\pyinstaller.exe") @(
  "--noconfirm", "--clean", "--log-level", "WARN",
  "--distpath", "dist", "--workpath", "build\pyinstaller", "scripts\bundle\zjtx.spec")

if ($SignThumbprint) {
  $signtool = Get-Command signtool.exe -ErrorAction Stop  # Windows SDK
  foreach ($exe in @("dist\ZJTX\zjtx.exe", "dist\ZJTX\ZJTX-Desktop.exe")) {
    Invoke-Checked $signtool.Source @("sign", "/sha1", $SignThumbprint, "/fd", "SHA256",
      "/tr", $TimestampUrl, "/td", "SHA256", $exe)
    Invoke-Checked $signtool.Source @("verify", "/pa", $exe)
  }
}

$version = & $py -c "import zjtx_desktop; print(zjtx_desktop.__version__)"
$archive = "dist\ZJTX-$version-windows-x64.zip"
if (Test-Path $archive) { Remove-Item $archive }
Compress-Archive -Path "dist\ZJTX" -DestinationPath $archive
$size = (Get-ChildItem -Recurse "dist\ZJTX" | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("built dist\ZJTX ({0:N0} MB) and {1} ({2:N0} MB) in {3:N0} s" -f $size, $archive,
  ((Get-Item $archive).Length / 1MB), ((Get-Date) - $start).TotalSeconds)

if ($Smoke) {
  $zjtx = (Resolve-Path "dist\ZJTX\zjtx.exe").Path
  $gui = (Resolve-Path "dist\ZJTX\ZJTX-Desktop.exe").Path
  # a working directory and a user data directory with Chinese characters, like a user profile
  $work = Join-Path $env:TEMP ("ZJTX冒烟测试-" + [guid]::NewGuid())
  New-Item -ItemType Directory $work | Out-Null
  Push-Location $work
  try {
    $env:ZJTX_USER_DATA = Join-Path $work "用户数据"
    $env:ZJTX_CACHE = Join-Path $work "cache"
    Remove-Item Env:ZJTX_HOME, Env:ZJTX_DB -ErrorAction SilentlyContinue
    Invoke-Checked $zjtx @("--version")
    $about = (& $zjtx about --json | Out-String) | ConvertFrom-Json
    if ($about.data_root_kind -ne "package") { throw "data root is $($about.data_root_kind)" }
    $demo = Join-Path $about.data_root "resources\demo"
    Invoke-Checked $zjtx @("forms", "list")
    Invoke-Checked $zjtx @("validate", "nat-xjr-application-2021", "$demo\nat-xjr-application-2021.json")
    $out = & $zjtx export nat-xjr-application-2021 "$demo\nat-xjr-application-2021.json" -o a.pdf
    if ($LASTEXITCODE -ne 0) { throw "export pdf exited $LASTEXITCODE" }
    Invoke-Checked $zjtx @("export", "nat-zd-basic-2021", "$demo\nat-zd-basic-2021.json", "-o", "b.docx")
    Invoke-Checked $zjtx @("export", "nat-zd-targets-2021", "$demo\nat-zd-targets-2021.json", "-o", "c.xlsx")
    $code = ([regex]::Match(($out | Out-String), "校验码 ([0-9A-F]{12})")).Groups[1].Value
    Invoke-Checked $zjtx @("verify", "$demo\nat-xjr-application-2021.json", $code)
    $env:QT_QPA_PLATFORM = "offscreen"
    Invoke-Checked $zjtx @("gui", "--smoke")
    $p = Start-Process -FilePath $gui -ArgumentList "--smoke" -Wait -PassThru
    if ($p.ExitCode -ne 0) { throw "ZJTX-Desktop.exe --smoke exited $($p.ExitCode)" }
    Write-Host "SMOKE OK (open a.pdf, b.docx, c.xlsx in $work and look at them)"
  } finally {
    Pop-Location
    Remove-Item Env:QT_QPA_PLATFORM -ErrorAction SilentlyContinue
  }
}
