/** The most messages one PATCH /ebox/messages may change: a documented bound on the work one request can ask for. */
export const MAX_PATCH_ITEMS = 1000;
