"""botocore's own answers for the differential test (botocoreDifferential.spec.ts), one process for the whole batch.

Run by python3 with botocore 1.43 (pip) or by /usr/bin/python3 after `import awscli` (AWS CLI v2's bundled botocore,
made importable as `botocore` by awscli's import alias). Reads {"dir", "configs": [...], "keys": [...]} on stdin and
prints one JSON answer per config and per key input. Nothing here talks to the network or runs a process:
credential_process is stubbed, metadata endpoints are disabled by the caller's environment, every fetcher is
only constructed (its cache key is computed in __init__) and never fetches.
"""
import json
import os
import sys

if sys.argv[1:] == ["awscli"]:
    import awscli  # noqa: F401  (installs the alias that makes the bundled botocore importable as `botocore`)
import botocore
import botocore.credentials as C
import botocore.exceptions as X
import botocore.session
from botocore.utils import SSOTokenLoader

AWSCLI = sys.argv[1:] == ["awscli"]
records = []


_sso_init = C.SSOCredentialFetcher.__init__
_assume_init = C.AssumeRoleCredentialFetcher.__init__


# Wrapped in place, not subclassed: AWS CLI v2's botocore calls super(SSOCredentialFetcher, self) by module name.
def _recording_sso_init(self, *args, **kwargs):
    _sso_init(self, *args, **kwargs)
    loader = SSOTokenLoader(cache={})
    if self._token_provider is not None:
        # What _get_credentials would do: the token provider's own config lookup (it may raise).
        sso_config = self._token_provider._load_sso_config()
        if sso_config is None:
            # _get_credentials would call None.get_frozen_token(): aws/aws-cli#7496 in AWS CLI 2.9.19.
            raise AttributeError("'NoneType' object has no attribute 'get_frozen_token'")
        token = loader._generate_cache_key(sso_config["sso_start_url"], sso_config["session_name"])
    else:
        token = loader._generate_cache_key(self._start_url, None)
    records.append({
        "kind": "sso",
        "key": self._cache_key,
        "token": token,
        "startUrl": self._start_url,
        "region": self._sso_region,
        "accountId": self._account_id,
        "roleName": self._role_name,
        "sessionName": self._sso_session_name,
    })


def _recording_assume_init(self, *args, **kwargs):
    _assume_init(self, *args, **kwargs)
    records.append({"kind": "assume", "key": self._cache_key})


C.SSOCredentialFetcher.__init__ = _recording_sso_init
C.AssumeRoleCredentialFetcher.__init__ = _recording_assume_init


def _no_process(self):
    # Never run a generated credential_process; a configured one is a source sso-creds does not serve.
    if self._credential_process is None:
        return None
    return C.Credentials("process", "process", method="custom-process")


C.ProcessProvider.load = _no_process


def classify(e):
    msg = str(e)
    if isinstance(e, X.ConfigParseError):
        return "ConfigParseError"
    if isinstance(e, X.ProfileNotFound):
        return "ProfileNotFound"
    if isinstance(e, X.InfiniteLoopConfigError):
        return "Loop"
    if isinstance(e, X.PartialCredentialsError):
        return "PartialCredentials" if "source_profile or credential_source" in msg else "OtherSource"
    if isinstance(e, X.InvalidConfigError):
        if "sso-session does not exist" in msg or "sso_session configuration does not exist" in msg:
            return "SessionNotFound"
        if "is inconsistent between" in msg:
            return "Inconsistent"
        if "missing required configuration" in msg or "missing the following configuration" in msg:
            return "Incomplete"
        if "contains both source_profile and credential_source" in msg:
            return "BothSources"
        if "source_profile" in msg and "does not exist" in msg:
            return "SourceNotFound"
        if "credential_source" in msg or "credential source" in msg or "must have credentials" in msg or "assume role with web identity" in msg:
            return "OtherSource"
    if isinstance(e, (X.CredentialRetrievalError, X.NoCredentialsError)):
        return "OtherSource"
    return "Crash:" + type(e).__name__


def resolve(session, profile):
    """The credential chain as botocore builds it for `profile`, down to constructed fetchers."""
    del records[:]
    if profile not in session.full_config.get("profiles", {}):
        return {"error": "ProfileNotFound"}
    session.set_config_variable("profile", profile)
    session._profile = None
    try:
        creds = C.create_credential_resolver(session, cache={}).load_credentials()
    except Exception as e:  # noqa: BLE001 (every botocore failure is an outcome to compare)
        return {"error": classify(e), "detail": f"{type(e).__name__}: {e}"[:300]}
    if creds is None or creds.method not in ("sso", "assume-role"):
        return {"error": "OtherSource", "detail": getattr(creds, "method", None)}
    ssos = [r for r in records if r["kind"] == "sso"]
    if not ssos:
        return {"error": "OtherSource", "detail": "chain ends in " + creds.method}
    sso = {k: v for k, v in ssos[0].items() if k != "kind"}
    return {"ok": {"method": creds.method, "sso": sso, "assume": [r["key"] for r in records if r["kind"] == "assume"]}}


def login(session, profile):
    """`aws sso login --profile P` up to the two cache files it would use (AWS CLI only)."""
    from awscli.customizations.sso.login import LoginCommand
    from botocore.utils import SSOTokenFetcher

    if profile not in session.full_config.get("profiles", {}):
        return {"error": "ProfileNotFound"}
    session.set_config_variable("profile", profile)
    session._profile = None
    command = LoginCommand.__new__(LoginCommand)
    command._session = session
    try:
        c = command._get_sso_config()
        fetcher = SSOTokenFetcher(sso_region=c["sso_region"], client_creator=None, cache={})
        name = c.get("session_name")
        return {"ok": {
            "token": fetcher._token_cache_key(c["sso_start_url"], name),
            "registration": fetcher._registration_cache_key(c["sso_start_url"], name, c.get("registration_scopes")),
        }}
    except Exception as e:  # noqa: BLE001
        msg = str(e)
        kind = "SessionNotFound" if "does not exist" in msg else "Incomplete" if "Missing the following" in msg else "Crash:" + type(e).__name__
        return {"error": kind, "detail": msg[:300]}


SESSION = botocore.session.Session()


def one_config(directory, i, c):
    config = os.path.join(directory, f"c{i}")
    credentials = os.path.join(directory, f"k{i}")
    for path, text in ((config, c["config"]), (credentials, c["credentials"])):
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    session = SESSION
    # One Session costs 0.1 s to build, so it is reused: forget what it cached from the previous files.
    session._config = session._profile_map = session._profile = session._credentials = None
    session.set_config_variable("config_file", config)
    session.set_config_variable("credentials_file", credentials)
    try:
        full = session.full_config
    except Exception as e:  # noqa: BLE001
        return {"parse": {"error": classify(e)}}
    out = {
        "parse": {"ok": {"profiles": full.get("profiles", {}), "ssoSessions": full.get("sso_sessions", {})}},
        "profiles": {p: resolve(session, p) for p in c["profiles"]},
    }
    if AWSCLI:
        out["login"] = {p: login(session, p) for p in c["login"]}
    return out


def one_key(k):
    loader = SSOTokenLoader(cache={})
    out = {"token": loader._generate_cache_key(k["startUrl"], k["sessionName"])}
    out["sso"] = C.SSOCredentialFetcher(k["startUrl"], "us-east-1", k["roleName"], k["accountId"], None, sso_session_name=k["sessionName"])._cache_key
    extra = dict(k["assume"])
    role_arn = extra.pop("RoleArn")
    if "DurationSeconds" in extra:
        extra["DurationSeconds"] = int(extra["DurationSeconds"])
    try:
        out["assume"] = C.AssumeRoleCredentialFetcher(None, None, role_arn, extra_args=extra)._cache_key
    except ValueError as e:  # json.loads of the Policy
        out["assume"] = {"error": "ValueError"}
    if AWSCLI:
        from awscli.customizations.sso.utils import parse_sso_registration_scopes
        from botocore.utils import SSOTokenFetcher

        scopes = None if k["scopes"] is None else parse_sso_registration_scopes(k["scopes"])
        out["registration"] = SSOTokenFetcher(sso_region=k["region"], client_creator=None, cache={})._registration_cache_key(k["startUrl"], k["sessionName"], scopes)
    return out


def main():
    job = json.load(sys.stdin)
    result = {
        "botocore": botocore.__version__,
        "configs": [one_config(job["dir"], i, c) for i, c in enumerate(job["configs"])],
        "keys": [one_key(k) for k in job["keys"]],
    }
    json.dump(result, sys.stdout)


main()
