import * as ebox from './ebox';
import * as messages from './messages';
import * as publication from './publication';
import * as referenceData from './referenceData';
import type { Handler } from './call';

/** Every operation of the contract, by operationId; the app refuses to start if one is missing. */
export const handlers: Record<string, Handler> = { ...ebox, ...messages, ...referenceData, ...publication };
