#!/usr/bin/env bash
# Install the Debian packages Luoshi uses beyond Python: CJK fonts (PDF bulletins),
# chromium (browser tests), poppler-utils (PDF -> PNG in tests), gettext (msgfmt compiles the
# translations; makemessages needs xgettext), and any extra packages named as arguments (make
# bench asks for wrk). Never fails the build:
# without root or network it says what is missing and how to add it.
set -u
want=(fonts-noto-cjk chromium poppler-utils gettext "$@")
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/luoshi-apt.log 2>&1 \
     || { apt-get update -qq >>/tmp/luoshi-apt.log 2>&1 && \
          apt-get install -y -qq --no-install-recommends "${missing[@]}" >>/tmp/luoshi-apt.log 2>&1; }; then
    exit 0
  fi
  echo "注意：未能安装 ${missing[*]}（见 /tmp/luoshi-apt.log） / note: could not install ${missing[*]} (see /tmp/luoshi-apt.log)"
else
  echo "注意：缺少 ${missing[*]}，请以 root 运行 apt-get install ${missing[*]} / note: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}"
fi
exit 0
