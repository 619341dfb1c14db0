-- wrk script: POST the body in the BODY environment variable (default "{}").
wrk.method = "POST"
wrk.body = os.getenv("BODY") or "{}"
wrk.headers["Content-Type"] = "application/json"
