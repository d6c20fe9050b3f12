/** Marks a section this action wrote, so a second run may replace it and the post step may remove it. */
export const ACTION_MARKER = "# written by the sso-creds GitHub Action; its post step removes this section";
