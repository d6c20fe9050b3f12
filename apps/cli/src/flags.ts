import { Flags } from "@oclif/core";

/** --region on the commands that hand out credentials; resolved with core's resolveRegion (flag, env, profile). */
export const regionFlag = Flags.string({
  char: "r",
  summary: "Region to hand out (default: AWS_REGION, then AWS_DEFAULT_REGION, then the profile's region).",
  helpValue: "REGION",
});
