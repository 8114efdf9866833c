#!/usr/bin/python3
# An independent MIME reader for the tests: Python's `email` package parses a message file and prints its parts as
# JSON: [{type, encoding, filename, charset, payload (decoded, base64 so bytes survive)}], plus the parser's defects.
#   usage: mime_parts.py MESSAGE.eml
import base64
import email
import json
import sys
from email import policy


def main():
    with open(sys.argv[1], "rb") as f:
        message = email.message_from_binary_file(f, policy=policy.default)
    parts = []
    for part in message.walk():
        entry = {
            "type": part.get_content_type(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "filename": part.get_filename(),
            "charset": part.get_param("charset"),
            "defects": [type(d).__name__ for d in part.defects],
        }
        if not part.is_multipart():
            entry["payload"] = base64.b64encode(part.get_payload(decode=True) or b"").decode("ascii")
        parts.append(entry)
    print(json.dumps({"subject": str(message["Subject"]), "parts": parts}))


if __name__ == "__main__":
    main()
