#!/usr/bin/env bash
# Debian packages the integration tests drive as real peers. vsftpd, pure-ftpd and proftpd conflict as "ftp-server"
# in apt, so vsftpd is installed and pure-ftpd is unpacked from its Debian package into /opt/pure-ftpd.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
need=()
for cmd in lftp:lftp curl:curl vsftpd:vsftpd nft:nftables ip:iproute2 openssl:openssl pkill:procps useradd:passwd \
  python3:python3 chromium:chromium; do
  command -v "${cmd%%:*}" >/dev/null 2>&1 || [ -x "/usr/sbin/${cmd%%:*}" ] || need+=("${cmd#*:}")
done
if [ ${#need[@]} -gt 0 ] || [ ! -x /opt/pure-ftpd/usr/sbin/pure-ftpd ]; then
  apt-get update -qq
fi
if [ ${#need[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ ! -x /opt/pure-ftpd/usr/sbin/pure-ftpd ]; then
  tmp=$(mktemp -d)
  # apt downloads as its sandbox user _apt, which must be able to write the folder (else it warns and runs as root).
  chown _apt "$tmp" 2>/dev/null || chmod 777 "$tmp"
  (cd "$tmp" && apt-get download -qq pure-ftpd)
  mkdir -p /opt/pure-ftpd
  dpkg-deb -x "$tmp"/pure-ftpd_*.deb /opt/pure-ftpd
  rm -rf "$tmp"
fi
# Debian starts the servers it installs where it can; the tests start their own on their own ports.
for svc in vsftpd inetd openbsd-inetd; do service "$svc" stop >/dev/null 2>&1 || true; done
