// Python run by the real botocore/boto3 1.43.11. Secrets never leave the script: only sha256 fingerprints, which
// match fingerprint() in peers.ts. HOME is set before botocore is imported (it reads ~ at import time).

const PRELUDE = String.raw`
import hashlib, json, sys
def fp(s):
    return "(none)" if s is None else hashlib.sha256(s.encode("utf-8")).hexdigest()[:16]
def fail(e):
    sys.stdout.write(json.dumps({"error": type(e).__name__, "message": str(e)}))
    sys.stderr.write("%s: %s\n" % (type(e).__name__, e))
    sys.exit(3)
`;

/**
 * boto3.Session(profile_name=argv[1]): credentials through botocore's SSOProvider (its SSOTokenProvider refreshes an
 * sso-session token that is within 15 minutes of expiry, and writes it back), then STS GetCallerIdentity signed with them.
 * The SSOProvider cache is botocore's default in-memory one: nothing lands in ~/.aws/cli/cache.
 */
export const BOTO3_CREDENTIALS = `${PRELUDE}
import boto3
try:
    s = boto3.Session(profile_name=sys.argv[1])
    c = s.get_credentials().get_frozen_credentials()
    ident = s.client("sts").get_caller_identity()
except Exception as e:
    fail(e)
sys.stdout.write(json.dumps({"accessKeyId": c.access_key, "secretAccessKey": fp(c.secret_key), "sessionToken": fp(c.token),
                             "account": ident["Account"], "arn": ident["Arn"]}))
`;

/**
 * botocore's own reader of a token file: SSOTokenLoader for (start URL, session name), both timestamps parsed as the
 * SSOTokenProvider parses them (dateutil, must be timezone-aware or its arithmetic raises).
 */
export const BOTOCORE_LOAD_TOKEN = `${PRELUDE}
import os, datetime
from botocore.utils import SSOTokenLoader, JSONFileCache
from dateutil.parser import parse
try:
    session_name = sys.argv[2] if len(sys.argv) > 2 and sys.argv[2] else None
    tok = SSOTokenLoader(cache=JSONFileCache(os.path.expanduser("~/.aws/sso/cache")))(sys.argv[1], session_name=session_name)
    left = (parse(tok["expiresAt"]) - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    reg = parse(tok["registrationExpiresAt"]) > datetime.datetime.now(datetime.timezone.utc) if "registrationExpiresAt" in tok else None
except Exception as e:
    fail(e)
sys.stdout.write(json.dumps({"accessToken": fp(tok["accessToken"]), "refreshToken": fp(tok.get("refreshToken")),
                             "secondsLeft": left, "registrationValid": reg}))
`;
