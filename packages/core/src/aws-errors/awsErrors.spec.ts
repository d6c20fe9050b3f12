import { describe, expect, it } from "vitest";
import { ServiceError, TokenError } from "../errors.js";
import { awsErrorInfo } from "./awsErrorInfo.js";
import { toServiceError } from "./toServiceError.js";
import { unreachableError } from "./unreachableError.js";

const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED", $metadata: { attempts: 3 } });
const aggregate = Object.assign(new AggregateError([Object.assign(new Error("x"), { code: "ENOTFOUND" })], ""), { $metadata: {} });

describe("awsErrorInfo", () => {
  it("reads a modeled service exception", () => {
    const e = Object.assign(new Error("Session token not found or invalid"), { name: "UnauthorizedException", $metadata: { httpStatusCode: 401 } });
    expect(awsErrorInfo(e)).toEqual({ name: "UnauthorizedException", status: 401, network: false, networkCode: undefined, networkFailure: undefined, detail: "Session token not found or invalid" });
  });
  it("finds the network code inside causes and AggregateErrors", () => {
    expect(awsErrorInfo(refused)).toMatchObject({ network: true, networkCode: "ECONNREFUSED" });
    expect(awsErrorInfo(new Error("wrapped", { cause: aggregate }))).toMatchObject({ network: true, networkCode: "ENOTFOUND" });
  });
});

describe("one network message for every service call", () => {
  const calls = [
    { service: "sso", operation: "GetRoleCredentials", url: "https://portal.sso.eu-west-1.amazonaws.com", label: "the SSO portal", env: "AWS_ENDPOINT_URL_SSO" },
    { service: "sso_oidc", operation: "CreateToken", url: "https://oidc.eu-west-1.amazonaws.com", label: "SSO-OIDC", env: "AWS_ENDPOINT_URL_SSO_OIDC" },
    { service: "sts", operation: "AssumeRole", url: "https://sts.eu-west-1.amazonaws.com", label: "STS", env: "AWS_ENDPOINT_URL_STS" },
  ] as const;
  for (const c of calls) {
    it(`${c.label}: default endpoint, then a configured one`, () => {
      const d = unreachableError({ service: c.service, operation: c.operation, endpoint: undefined, region: "eu-west-1" }, awsErrorInfo(refused), "for x");
      expect(d).toBeInstanceOf(ServiceError);
      expect(d.code).toBe("NetworkError");
      expect(d.message).toBe(`Could not reach ${c.label} at ${c.url} for x: connection refused (ECONNREFUSED); check the network.`);
      const o = unreachableError({ service: c.service, operation: c.operation, endpoint: "http://127.0.0.1:9", region: "eu-west-1" }, awsErrorInfo(refused), "for x");
      expect(o.message).toBe(`Could not reach ${c.label} at http://127.0.0.1:9 for x: connection refused (ECONNREFUSED); check the network and ${c.env}.`);
    });
  }
  it("sign-in and portal listing calls use the same message (no second mapper)", () => {
    const viaMapper = toServiceError(refused, { service: "sso_oidc", operation: "RegisterClient", endpoint: undefined, region: "us-east-1" }, "sso login");
    const direct = unreachableError({ service: "sso_oidc", operation: "RegisterClient", endpoint: undefined, region: "us-east-1" }, awsErrorInfo(refused), "(RegisterClient)");
    expect(viaMapper.message).toBe(direct.message);
    expect(viaMapper.message).toMatch(/^Could not reach SSO-OIDC at https:\/\/oidc\.us-east-1\.amazonaws\.com \(RegisterClient\): connection refused/);
  });
});

describe("toServiceError", () => {
  const call = { service: "sso", operation: "ListAccounts", endpoint: undefined, region: "us-east-1" } as const;
  it("a rejected token asks to sign in again", () => {
    const e = Object.assign(new Error("Session token not found or invalid"), { name: "UnauthorizedException", $metadata: { httpStatusCode: 401 } });
    const mapped = toServiceError(e, call, "sso login --sso-session my-sso");
    expect(mapped).toBeInstanceOf(TokenError);
    expect(mapped.toUserLine()).toBe("SSO ListAccounts rejected the request (UnauthorizedException: Session token not found or invalid). Run: sso login --sso-session my-sso");
  });
  it("anything else names the operation and the exception", () => {
    const e = Object.assign(new Error("boom"), { name: "InternalServerException", $metadata: { httpStatusCode: 500 } });
    expect(toServiceError(e, call, "sso login").message).toBe("SSO ListAccounts call failed (InternalServerException: boom).");
  });
  it("passes our own errors through", () => {
    const ours = new TokenError("x");
    expect(toServiceError(ours, call, "sso login")).toBe(ours);
  });
});
