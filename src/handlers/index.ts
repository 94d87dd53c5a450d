import type { Handlers } from './call';
import { certification } from './certification';
import { ebox } from './ebox';
import { messages } from './messages';
import { publication } from './publication';
import { referenceData } from './referenceData';

/** Every operation of the contract, by operationId. */
export const handlers: Handlers = { ...ebox, ...messages, ...referenceData, ...publication, ...certification };
