import { cacheable } from '../http/caching';
import { ok, type Result } from '../http/result';
import type { ImageContent, Versioned } from '../services/reference-data';
import { paging, str, type Call, type Handler } from './call';

const cached = ({ value, lastModified }: Versioned<unknown>, call: Call): Result =>
  cacheable(ok(value), { lastModified, maxAge: call.config.referenceDataMaxAge });

const image = ({ image, open }: ImageContent, call: Call): Result =>
  cacheable(
    { status: 200, stream: open(), headers: { 'Content-Type': image.mediaType, 'Content-Length': String(image.sizeBytes) } },
    { lastModified: image.updatedAt, maxAge: call.config.referenceDataMaxAge, etag: image.digest },
  );

export const getAllMessagesTypes: Handler = async (call) =>
  ok(await call.services.referenceData.listMessageTypes(paging(call.params), call.baseUrl));

export const getMessageTypeById: Handler = async (call) =>
  cached(await call.services.referenceData.get('messageType', str(call.params, 'messageTypeId'), call.baseUrl), call);

export const findAllSenderApplications: Handler = async (call) =>
  ok(await call.services.referenceData.listSenderApplications(paging(call.params), call.baseUrl));

export const getSenderApplicationById: Handler = async (call) =>
  cached(await call.services.referenceData.get('senderApplication', str(call.params, 'senderApplicationId'), call.baseUrl), call);

export const getImageForSenderApplication: Handler = async (call) =>
  image(await call.services.referenceData.image('senderApplication', str(call.params, 'senderApplicationId'), str(call.params, 'imageId')), call);

export const findAllSenderOrganizations: Handler = async (call) =>
  ok(await call.services.referenceData.listSenderOrganizations(paging(call.params), call.baseUrl));

export const getSenderOrganizationById: Handler = async (call) =>
  cached(await call.services.referenceData.get('senderOrganization', str(call.params, 'senderOrganizationId'), call.baseUrl), call);

export const getImageForSenderOrganization: Handler = async (call) =>
  image(await call.services.referenceData.image('senderOrganization', str(call.params, 'senderOrganizationId'), str(call.params, 'imageId')), call);
