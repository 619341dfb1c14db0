"""POSTs a body to an https:// URL with the requests library, configured by the environment
only (HTTPS_PROXY, REQUESTS_CA_BUNDLE), as an unmodified app does. Prints one JSON line:
{"status", "body"} or {"error"}."""
import json
import sys

import requests

url, body = sys.argv[1], sys.argv[2]
try:
    reply = requests.post(url, data=body.encode(), headers={"Content-Type": "application/json"},
                          timeout=30)
    print(json.dumps({"status": reply.status_code, "body": reply.text}))
except requests.exceptions.RequestException as error:
    print(json.dumps({"error": type(error).__name__, "message": str(error)}))
