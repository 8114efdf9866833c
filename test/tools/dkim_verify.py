#!/usr/bin/python3
# An independent DKIM verifier for the tests: Debian's python3-dkim (dkimpy), the library behind `dkimverify`,
# with its DNS lookups answered from a JSON map of TXT records instead of real DNS (dkim.verify's own `dnsfunc`
# hook; `dkimverify` itself has no option for it). Reads the message on stdin; prints `pass` or `fail` and exits
# 0 or 1; exits 2 on bad usage.
#   usage: dkim_verify.py TXT_RECORDS.json < message.eml     (JSON: {"sel._domainkey.example.test": "v=DKIM1; ..."})
import json
import sys

import dkim


def main():
    if len(sys.argv) != 2:
        print("usage: dkim_verify.py TXT_RECORDS.json < message.eml", file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        records = {name.lower().rstrip("."): value for name, value in json.load(f).items()}

    def dnsfunc(name, timeout=5):
        if isinstance(name, bytes):
            name = name.decode("ascii")
        value = records.get(name.lower().rstrip("."))
        return value.encode("ascii") if value is not None else None

    message = sys.stdin.buffer.read()
    ok = dkim.verify(message, dnsfunc=dnsfunc)
    print("pass" if ok else "fail")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
