import type { Config } from '../config';
import { cacheable } from '../http/caching';
import { ok } from '../http/result';
import type { ImageContent, Versioned } from '../services/reference-data';
import type { HandlerGroup } from './call';

const cached = <T>({ value, lastModified }: Versioned<T>, config: Config) =>
  cacheable(ok(value), { lastModified, maxAge: config.referenceDataMaxAge });

const image = async ({ image, open }: ImageContent, config: Config) =>
  cacheable(
    { status: 200 as const, stream: await open(), headers: { 'Content-Type': image.mediaType, 'Content-Length': String(image.sizeBytes) } },
    { lastModified: image.updatedAt, maxAge: config.referenceDataMaxAge, etag: image.digest },
  );

export const referenceData = {
  getAllMessagesTypes: async ({ params, services, baseUrl }) => ok(await services.referenceData.listMessageTypes(params, baseUrl)),

  getMessageTypeById: async ({ params, services, baseUrl, config }) =>
    cached(await services.referenceData.getMessageType(params.messageTypeId, baseUrl), config),

  findAllSenderApplications: async ({ params, services, baseUrl }) => ok(await services.referenceData.listSenderApplications(params, baseUrl)),

  getSenderApplicationById: async ({ params, services, baseUrl, config }) =>
    cached(await services.referenceData.getSenderApplication(params.senderApplicationId, baseUrl), config),

  getImageForSenderApplication: async ({ params, services, config }) =>
    await image(await services.referenceData.image('senderApplication', params.senderApplicationId, params.imageId), config),

  findAllSenderOrganizations: async ({ params, services, baseUrl }) => ok(await services.referenceData.listSenderOrganizations(params, baseUrl)),

  getSenderOrganizationById: async ({ params, services, baseUrl, config }) =>
    cached(await services.referenceData.getSenderOrganization(params.senderOrganizationId, baseUrl), config),

  getImageForSenderOrganization: async ({ params, services, config }) =>
    await image(await services.referenceData.image('senderOrganization', params.senderOrganizationId, params.imageId), config),
} satisfies HandlerGroup;
