// Generated from spec/message-registry.yaml by scripts/generate-operations.ts
// (openapi-typescript). Do not edit: run `make generate`.
export interface paths {
    "/ebox": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Summary of the caller's e-Box
         * @description Counts the messages (total and unread) of the e-Box identified by the token and gives the date of the latest one and the total size of the attachments.
         */
        get: operations["getEBoxById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the messages of the e-Box
         * @description Returns one page of the messages of the caller's e-Box. All filters given are combined (AND). A text search `q` must come with its language `qlang`.
         */
        get: operations["getMessagesByEBoxId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update several messages at once
         * @description Applies a JSON merge patch to a list of messages of the caller's e-Box; today only the `visible` flag can be changed.
         */
        patch: operations["patchMessagesByEBoxId"];
        trace?: never;
    };
    "/ebox/messages/{messageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One message
         * @description Returns the metadata of one message of the caller's e-Box, its attachments' metadata included.
         */
        get: operations["getMessageById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages/{messageId}/attachments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Attachments of a message
         * @description Lists the metadata of every attachment of a message.
         */
        get: operations["getAttachmentByMessageId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages/{messageId}/attachments/{attachmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One attachment's metadata
         * @description Returns the metadata of one attachment of a message.
         */
        get: operations["getAttachmentById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages/{messageId}/attachments/{attachmentId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download an attachment
         * @description Streams the bytes of an attachment with its own media type. Supports byte ranges and conditional requests. Reading a main-content attachment marks the message as read.
         */
        get: operations["getAttachmentContentById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages/{messageId}/body": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Body of a message
         * @description Returns the text body of a message in each available language.
         */
        get: operations["getBodyContent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ebox/messages/{messageId}/paymentData": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Payment data of a message
         * @description Returns the payment instructions attached to a message.
         */
        get: operations["getPaymentDataByMessageId"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/publishMessage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a message
         * @description Publication by a sender: a multipart request with one JSON part describing the message (see the MessageToPublish schema) and up to six file parts, in any order; the JSON part may come last, after files it gives the SHA-256 digests of. The sender is the enterprise of the access token; the recipient is an enterprise e-Box. Optional in the contract.
         */
        post: operations["postMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/linkEboxMessage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a message to more recipients
         * @description Broadcast publication: makes a message already published by the same sender visible in the e-Boxes listed. Optional in the contract.
         */
        post: operations["linkMessage"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/searchMessageStatus": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Status of published messages
         * @description For a list of message and e-Box pairs, tells the sender whether each message was read and whether it is still visible. Optional in the contract.
         */
        post: operations["getStatus"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/messageTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List message types
         * @description Returns one page of the message types (business categories of documents) known to this provider.
         */
        get: operations["getAllMessagesTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/messageTypes/{messageTypeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One message type
         * @description Returns the names, description and validity period of a message type.
         */
        get: operations["getMessageTypeById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderApplications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sender applications
         * @description Returns one page of the applications (online services) that send messages through this provider.
         */
        get: operations["findAllSenderApplications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderApplications/{senderApplicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One sender application
         * @description Returns the names, logos, links and contacts of a sender application.
         */
        get: operations["getSenderApplicationById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderApplications/{senderApplicationId}/images/{imageId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Logo of a sender application
         * @description Returns the bytes of one logo of a sender application, with the image's media type.
         */
        get: operations["getImageForSenderApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderOrganizations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sender organizations
         * @description Returns one page of the organizations (institutions, companies) that send messages through this provider.
         */
        get: operations["findAllSenderOrganizations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderOrganizations/{senderOrganizationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One sender organization
         * @description Returns the names, logos, links and contacts of a sender organization.
         */
        get: operations["getSenderOrganizationById"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/referenceData/senderOrganizations/{senderOrganizationId}/images/{imageId}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Logo of a sender organization
         * @description Returns the bytes of one logo of a sender organization, with the image's media type.
         */
        get: operations["getImageForSenderOrganization"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/certification/version": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What is being certified
         * @description Names this provider's software, its version, the contract version it serves and its build, so that a certification is tied to what answered. Draft of the federation's automated certification; needs no token. A provider without a certification test e-Box answers 404.
         */
        get: operations["getCertificationVersion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/certification/resetDataSet": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset the test e-Box to the certification data set
         * @description Replaces the messages of the provider's certification test e-Box with the certification data set, its dates placed relative to the day of the reset. Draft of the federation's automated certification; takes no arguments. A provider without a test e-Box answers 404.
         */
        post: operations["resetCertificationDataSet"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Metadata of one attachment of a message, with the link to its bytes. */
        Attachment: {
            /** @description Identifier of the attachment within its message. */
            attachmentId?: string;
            attachmentTitle?: components["schemas"]["TranslatedString"];
            /** @description File name chosen by the sender, extension included. */
            fileName: string;
            /** @description True when this file is the main content of the message; false for an annex. Opening a main content marks the message as read. */
            mainContent: boolean;
            /**
             * @description Media type (RFC 2046) of the file; only these are accepted.
             * @enum {string}
             */
            mediaType: "application/pdf" | "application/zip" | "text/csv" | "text/html" | "text/plain" | "text/xml" | "application/vnd.oasis.opendocument.text" | "application/vnd.oasis.opendocument.spreadsheet" | "application/vnd.oasis.opendocument.presentation" | "application/vnd.oasis.opendocument.graphics" | "application/vnd.ms-excel" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" | "application/vnd.ms-powerpoint" | "application/msword" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            /**
             * Format: double
             * @description Size of the file in kilobytes.
             */
            size: number;
            digest?: components["schemas"]["Digest"];
            /**
             * @description Whether the file carries a signature.
             * @default false
             */
            attachmentSigned?: boolean;
            /**
             * Format: uri
             * @description Where to download the bytes of the file.
             */
            contentHref?: string;
        };
        /** @description The attachments of a message. */
        Attachments: {
            /** @description The attachments. */
            items: components["schemas"]["Attachment"][];
            /**
             * Format: int32
             * @description Number of attachments.
             */
            totalItems: number;
        };
        /** @description How a sender describes one file part of a publication. */
        AttachmentToPublish: {
            attachmentTitle?: components["schemas"]["TranslatedString"];
            /** @description Name of the multipart part holding the file (its bytes, name and media type). */
            httpPartName: string;
            /** @description True when this file is the main content of the message; false for an annex. */
            mainContent: boolean;
            digest?: components["schemas"]["Digest"];
            /**
             * @description Whether the file carries a signature.
             * @default false
             */
            attachmentSigned?: boolean;
        };
        /** @description A named piece of business information attached to a message, with one or more values. */
        BusinessData: {
            /** @description Stable key identifying this piece of information. */
            key: string;
            name: components["schemas"]["TranslatedString"];
            description?: components["schemas"]["TranslatedString"];
            /** @description The values, each translated. */
            values: components["schemas"]["TranslatedString"][];
        };
        /** @description The business data of a message. */
        BusinessDataList: {
            /** @description The business data entries. */
            items: components["schemas"]["BusinessData"][];
            /**
             * Format: int32
             * @description Number of entries.
             */
            totalItems: number;
        };
        /** @description A business data entry as a sender provides it; key and values are mandatory. */
        BusinessDataToPublish: {
            /** @description Stable key identifying this piece of information. */
            key: string;
            name?: components["schemas"]["TranslatedString"];
            description?: components["schemas"]["TranslatedString"];
            /** @description The values, each translated. */
            values: components["schemas"]["TranslatedString"][];
        };
        /** @description Free-form detail of an error (kept from the published contract; not referenced by any operation). */
        Detail: {
            /** @description Kind of detail. */
            kind?: object;
            /** @description Detail message. */
            message?: object;
            /** @description What the detail refers to. */
            ref?: object;
            /** @description Offending value. */
            value?: object;
        };
        /** @description A cryptographic hash of a file. */
        Digest: {
            /** @description The hash, encoded as base64url (RFC 4648, section 5). */
            digestValue: string;
            /**
             * @description The hash function used.
             * @enum {string}
             */
            digestMethod: "sha_256";
        };
        /** @description Summary figures of one enterprise e-Box at this provider. */
        Ebox: {
            /**
             * Format: int32
             * @description Number of messages available in the e-Box.
             */
            numberOfMessages: number;
            /**
             * Format: int32
             * @description How many of them are still unread.
             */
            numberOfUnreadMessages?: number;
            /**
             * Format: date-time
             * @description When the most recent message arrived.
             */
            lastReceiptDate?: string;
            /**
             * Format: date-time
             * @description When the e-Box was last opened.
             */
            lastConsultationDate?: string;
            /**
             * Format: double
             * @description Total size of all attachments of the available messages, in kilobytes (1024 bytes).
             */
            eboxSize?: number;
        };
        /** @description Identifies an e-Box: its kind and the number of its owner. */
        EboxId: {
            /**
             * @description Kind of e-Box.
             * @enum {string}
             */
            eboxType: "enterprise" | "citizen";
            /** @description CBE number (enterprise) or national number (citizen) of the owner. */
            eboxIdValue: string;
        };
        /** @description A list of e-Boxes. */
        EboxIdList: components["schemas"]["EboxId"][];
        /** @description Outcome of a broadcast link request. */
        LinkResponse: {
            /** @description The linked message. */
            messageId?: string;
            /**
             * Format: date-time
             * @description When the message expires.
             */
            expirationDate?: string;
            /**
             * Format: int32
             * @description How many e-Boxes received the message.
             */
            nbSuccessLinks?: number;
            /** @description The e-Boxes that could not be linked. */
            errorCases?: components["schemas"]["EboxId"][];
        };
        /** @description Metadata of a logo, with the link to its bytes. */
        Image: {
            /** @description Identifier of the image. */
            imageId: string;
            /**
             * Format: double
             * @description Size of the image in kilobytes.
             */
            size: number;
            /**
             * @description Media type of the image.
             * @enum {string}
             */
            mediaType: "image/jpg" | "image/jpeg" | "image/png" | "image/gif" | "image/svg+xml";
            /**
             * @description Language the image is meant for, if it depends on one.
             * @enum {string}
             */
            language?: "nl" | "fr" | "de";
            /**
             * Format: uri
             * @description Where to download the image.
             */
            contentHref: string;
        };
        /** @description A message together with the e-Box it was sent to. */
        MessageIdEboxId: {
            /** @description Identifier of the message. */
            messageId?: string;
            eboxId?: components["schemas"]["EboxId"];
        };
        /** @description A document in an e-Box: its metadata, attachments, optional body, business data and payment data. */
        Message: {
            /** @description Identifier of the message in the e-Box. */
            messageId: string;
            /** @description For a reply, the message it answers. */
            originalMessageId?: string;
            subject: components["schemas"]["TranslatedString"];
            /**
             * Format: date-time
             * @description When the message arrived in the e-Box.
             */
            receiptDate: string;
            /**
             * Format: date-time
             * @description When the message stops being available.
             */
            expirationDate: string;
            /**
             * @description Whether a main content of the message has been opened.
             * @default false
             */
            readStatus: boolean;
            /**
             * @description Whether the owner still shows the message (false when hidden).
             * @default true
             */
            visible?: boolean;
            /**
             * @description Whether the message was sent as registered mail.
             * @default false
             */
            registeredMail: boolean;
            forTheAttentionOf?: components["schemas"]["ForTheAttentionOf"];
            /** @description The message type (business category). */
            messageTypeId: string;
            /** @description CBE number of the sending organization. */
            senderOrganizationId: string;
            /** @description The sending application. */
            senderApplicationId?: string;
            attachments?: components["schemas"]["Attachments"];
            /**
             * @description Only meaningful when there is a body: true when the body is the main content, false when it is an annex.
             * @default false
             */
            bodyMainContent: boolean;
            paymentData?: components["schemas"]["PaymentData"];
            businessDataList?: components["schemas"]["BusinessDataList"];
            /**
             * @description Whether the recipient may reply.
             * @default false
             */
            replyAuthorized: boolean;
        };
        /** @description The JSON part of a publication request: recipient, metadata and the description of the files. */
        MessageToPublish: {
            recipient: components["schemas"]["EboxId"];
            forTheAttentionOf?: components["schemas"]["ForTheAttentionOf"];
            /** @description For a reply, the message it answers. */
            originalMessageId?: string;
            subject: components["schemas"]["TranslatedString"];
            /** @description The message type (business category). */
            messageTypeId?: string;
            /**
             * Format: date-time
             * @description When the message should stop being available.
             */
            expirationDate?: string;
            /** @description CBE number of the sending organization. */
            senderOrganizationId?: string;
            /** @description The sending application. */
            senderApplicationId?: string;
            /**
             * @description Whether to send the message as registered mail.
             * @default false
             */
            registeredMail?: boolean;
            /** @description The file parts of the request. */
            attachments?: components["schemas"]["AttachmentToPublish"][];
            /**
             * @description Only with a body: true when the body is the main content.
             * @default false
             */
            bodyMainContent: boolean;
            bodyContent?: components["schemas"]["TranslatedString"];
            /** @description Business data to attach. */
            businessDataList?: components["schemas"]["BusinessDataToPublish"][];
            paymentData?: components["schemas"]["PaymentData"];
            /**
             * @description Whether the recipient may reply.
             * @default false
             */
            replyAuthorized: boolean;
        };
        /** @description A published message and the e-Boxes it must also appear in. */
        MessageToLink: {
            /** @description Identifier of the message. */
            messageId: string;
            recipients: components["schemas"]["EboxIdList"];
        };
        /** @description The fields of one message that its owner may change. */
        MessageToUpdate: {
            /** @description Identifier of the message. */
            messageId: string;
            /**
             * @description New visibility of the message.
             * @default false
             */
            visible: boolean;
        };
        /** @description A business category of documents (an attestation, a declaration, ...). */
        MessageType: {
            /** @description Identifier of the message type. */
            messageTypeId: string;
            messageTypeName: components["schemas"]["TranslatedString"];
            messageTypeDescription?: components["schemas"]["TranslatedString"];
            validityPeriod?: components["schemas"]["ValidityPeriod"];
            /** @description Organizations allowed to send this type. */
            senderOrganizationIds?: string[];
            /** @description Applications allowed to send this type. */
            senderApplicationIds?: string[];
        };
        /** @description A page of message types. */
        MessageTypes: {
            /** @description The message types of this page. */
            items: components["schemas"]["MessageType"][];
            /**
             * Format: int32
             * @description Number of message types over all pages.
             */
            totalItems: number;
        };
        /** @description A page of messages. */
        Messages: {
            /** @description The messages of this page. */
            items: components["schemas"]["Message"][];
            /**
             * Format: int32
             * @description Number of matching messages over all pages.
             */
            totalItems: number;
        };
        /** @description A list of message changes. */
        MessagesToUpdate: {
            /** @description The changes. */
            items: components["schemas"]["MessageToUpdate"][];
            /**
             * Format: int32
             * @description Number of changes.
             */
            totalItems: number;
        };
        /** @description The message and e-Box pairs whose status is asked. */
        MessagesStatusRequest: components["schemas"]["MessageIdEboxId"][];
        /** @description Reading status of a published message in one e-Box. */
        MessageStatus: {
            /** @description Identifier of the message. */
            messageId: string;
            eboxId: components["schemas"]["EboxId"];
            /**
             * Format: date-time
             * @description When the message expires.
             */
            expirationDate?: string;
            /**
             * @description Whether a main content has been opened.
             * @default false
             */
            readStatus: boolean;
            /**
             * @description Whether the message is still shown.
             * @default true
             */
            visible?: boolean;
        };
        /** @description Statuses of the messages asked for. */
        MessagesStatusList: components["schemas"]["MessageStatus"][];
        /** @description What the recipient is asked to pay, and where. */
        PaymentData: {
            /** @description Identifier of the payment data. */
            paymentDataId: string;
            /**
             * Format: double
             * @description Amount due, VAT excluded.
             */
            amount: number;
            /**
             * Format: double
             * @description VAT to add to the amount, if any.
             */
            vatAmount: number;
            /** @description ISO 4217 currency code. */
            currency: string;
            /**
             * Format: date-time
             * @description Payment deadline.
             */
            dueDate: string;
            /** @description Account to pay to (ISO 13616). */
            iban: string;
            /** @description Bank identifier code of that account. */
            bic?: string;
            /** @description Payment reference. */
            reference?: object;
        };
        /** @description An online service that sends messages, with its names, logos, links and contacts. */
        SenderApplication: {
            /** @description Identifier of the application. */
            applicationId: string;
            applicationName: components["schemas"]["TranslatedString"];
            applicationDescription?: components["schemas"]["TranslatedString"];
            /** @description Logos shown to the recipient. */
            applicationLogos?: components["schemas"]["Image"][];
            applicationUrl?: components["schemas"]["TranslatedString"];
            /** @description Organizations that may send messages for this application. */
            senderOrganizationIds?: string[];
            /** @description Message types this application may send. */
            messageTypeIds?: string[];
            /** @description Helpdesk for questions about the content (no personal contact). */
            contactBusiness?: string;
            /** @description Helpdesk of the team running the application, not for recipients (no personal contact). */
            contactTechnical?: string;
        };
        /** @description A page of sender applications. */
        SenderApplications: {
            /** @description The applications of this page. */
            items: components["schemas"]["SenderApplication"][];
            /**
             * Format: int32
             * @description Number of applications over all pages.
             */
            totalItems: number;
        };
        /** @description An institution or company that sends messages, with its names, logos, links and contacts. */
        SenderOrganization: {
            /** @description CBE number of the organization. */
            organizationId: string;
            organizationShortName: components["schemas"]["TranslatedString"];
            organizationLongName?: components["schemas"]["TranslatedString"];
            /** @description Logos shown to the recipient. */
            organizationLogos?: components["schemas"]["Image"][];
            organizationUrl?: components["schemas"]["TranslatedString"];
            /** @description Applications this organization may send messages for. */
            senderApplicationIds?: string[];
            /** @description Message types this organization may send. */
            messageTypeIds?: string[];
            /** @description Helpdesk for questions about the content (no personal contact). */
            contactBusiness?: string;
            /** @description Helpdesk of the technical team, not for recipients (no personal contact). */
            contactTechnical?: string;
        };
        /** @description A page of sender organizations. */
        SenderOrganizations: {
            /** @description The organizations of this page. */
            items: components["schemas"]["SenderOrganization"][];
            /**
             * Format: int32
             * @description Number of organizations over all pages.
             */
            totalItems: number;
        };
        /** @description Outcome of a publication. */
        PublicationStatusMessage: {
            /** @description Identifier given to the new message. */
            messageId: string;
            /**
             * Format: date-time
             * @description When the message expires.
             */
            expirationDate: string;
            /** @description Business outcome code. */
            code?: string;
            /** @description Human-readable explanation of the code. */
            message?: string;
        };
        /** @description What answers at this provider, as a certification records it. */
        CertificationVersion: {
            /** @description Name of the provider's software. */
            name: string;
            /** @description Version of that software. */
            version: string;
            /** @description Version of the Message Registry contract it serves. */
            contractVersion: string;
            /** @description Identifier of the build or deployment. */
            build: string;
        };
        /** @description The outcome of a data set reset. */
        CertificationReset: {
            /**
             * Format: date
             * @description The calendar day (Europe/Brussels) the data set's dates were placed relative to.
             */
            referenceDay: string;
            /**
             * Format: int32
             * @description Messages the test e-Box holds now.
             */
            numberOfMessages: number;
        };
        /** @description The body of every error response. */
        StatusMessage: {
            /**
             * Format: uuid
             * @description Unique identifier of this error occurrence, for support.
             */
            id: string;
            /** @description Machine-readable error code. */
            code: string;
            /** @description Human-readable explanation. */
            message: string;
            /** @description Helpdesk address to contact about the error (no personal contact). */
            contact?: string;
            /**
             * @description Environment that produced the error.
             * @enum {string}
             */
            environment?: "development" | "test" | "integration" | "acceptation" | "simulation" | "production";
        };
        /** @description A text given in the supported languages. */
        TranslatedString: {
            /** @description Dutch text. */
            nl?: string;
            /** @description French text. */
            fr?: string;
            /** @description German text. */
            de?: string;
        };
        /** @description How long messages of a type stay available. */
        ValidityPeriod: {
            /**
             * Format: int32
             * @description Number of units.
             */
            validityPeriodNumber: number;
            /**
             * @description The unit.
             * @enum {string}
             */
            validityPeriodUnit: "day" | "month" | "year";
        };
        /** @description The person within the enterprise a message is meant for. */
        ForTheAttentionOf: {
            /** @description Identifier of the person (national number). */
            id?: string;
            /** @description Kind of identifier. */
            type?: string;
            /** @description Name of the person. */
            name?: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getEBoxById: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The e-Box summary. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Ebox"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No e-Box is known for this enterprise. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getMessagesByEBoxId: {
        parameters: {
            query?: {
                /** @description Page number, starting at 1. */
                page?: number;
                /** @description Number of items per page (at most 100). */
                pageSize?: number;
                /** @description Only messages received before this day. */
                receivedBefore?: string;
                /** @description Only messages received after this day. */
                receivedAfter?: string;
                /** @description Only messages that expire before this day. */
                expiredBefore?: string;
                /** @description Only messages that expire after this day. */
                expiredAfter?: string;
                /** @description Only read (true) or unread (false) messages. */
                readStatus?: boolean;
                /** @description Only visible (true) or hidden (false) messages. */
                visible?: boolean;
                /** @description Only messages of this message type. */
                messageTypeId?: string;
                /** @description Only messages sent by this organization (CBE number). */
                senderOrganizationId?: string;
                /** @description Only messages sent by this application. */
                senderApplicationId?: string;
                /** @description Free text looked up in the message metadata and in the names of its organization, application and message type. Needs `qlang`. */
                q?: string;
                /** @description Only registered (true) or ordinary (false) messages. */
                registeredMail?: boolean;
                /** @description Language in which `q` is searched; mandatory when `q` is given. */
                qlang?: "fr" | "nl" | "de";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of messages. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Messages"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No e-Box is known for this enterprise. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    patchMessagesByEBoxId: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The messages to change and their new values. */
        requestBody?: {
            content: {
                "application/merge-patch+json": components["schemas"]["MessagesToUpdate"];
            };
        };
        responses: {
            /** @description All messages were updated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description At least one of the messages does not exist in this e-Box. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The body is not sent as application/merge-patch+json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getMessageById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Message"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message does not exist in this e-Box. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getAttachmentByMessageId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachments' metadata. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachments"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message does not exist in this e-Box. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getAttachmentById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
                /** @description Identifier of the attachment. */
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The attachment's metadata. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Attachment"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message or the attachment does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getAttachmentContentById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
                /** @description Identifier of the attachment. */
                attachmentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole attachment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "application/zip": string;
                    "text/csv": string;
                    "text/html": string;
                    "text/plain": string;
                    "text/xml": string;
                    "application/vnd.oasis.opendocument.text": string;
                    "application/vnd.oasis.opendocument.spreadsheet": string;
                    "application/vnd.oasis.opendocument.presentation": string;
                    "application/vnd.oasis.opendocument.graphics": string;
                    "application/vnd.ms-excel": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.ms-powerpoint": string;
                    "application/msword": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            /** @description The byte range asked for in the Range header. */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "application/zip": string;
                    "text/csv": string;
                    "text/html": string;
                    "text/plain": string;
                    "text/xml": string;
                    "application/vnd.oasis.opendocument.text": string;
                    "application/vnd.oasis.opendocument.spreadsheet": string;
                    "application/vnd.oasis.opendocument.presentation": string;
                    "application/vnd.oasis.opendocument.graphics": string;
                    "application/vnd.ms-excel": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                    "application/vnd.ms-powerpoint": string;
                    "application/msword": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message or the attachment does not exist. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The Range header asks for bytes outside the attachment. */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getBodyContent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The body, per language. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TranslatedString"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message does not exist or has no body. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getPaymentDataByMessageId: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message. */
                messageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment data. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentData"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message does not exist or carries no payment data. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    postMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The message description and its files. */
        requestBody: {
            content: {
                "multipart/form-data": {
                    /** @description The message description: a MessageToPublish object serialized as JSON text. */
                    messageToPublish: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile1?: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile2?: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile3?: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile4?: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile5?: string;
                    /**
                     * Format: binary
                     * @description A file of the message; an attachment of the JSON part refers to it by this part name (httpPartName).
                     */
                    upfile6?: string;
                };
            };
        };
        responses: {
            /** @description The message was stored; its identifier and expiry are returned, with the code NO_DIGITAL_USER when the recipient has never consulted its e-Box. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationStatusMessage"];
                };
            };
            /** @description The publication is refused and nothing of it is stored: the StatusMessage code says why (a malformed or incomplete request, a part missing or extra, a digest that does not match, a limit exceeded, unknown reference data, a citizen or invalid recipient…). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires, or the message names another sender organization than the token's enterprise. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The body is not sent as multipart/form-data. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    linkMessage: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The message and the e-Boxes it must be linked to. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MessageToLink"];
            };
        };
        responses: {
            /** @description The links were made; failures are listed per recipient. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LinkResponse"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message does not exist for this sender. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The body is not sent as application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The message and e-Box pairs to look up. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MessagesStatusRequest"];
            };
        };
        responses: {
            /** @description One status per pair found. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessagesStatusList"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description None of the messages was found. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The body is not sent as application/json. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getAllMessagesTypes: {
        parameters: {
            query?: {
                /** @description Page number, starting at 1. */
                page?: number;
                /** @description Number of items per page (at most 100). */
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of message types. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageTypes"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No message type is known. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getMessageTypeById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the message type. */
                messageTypeId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The message type. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageType"];
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description Unknown message type. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    findAllSenderApplications: {
        parameters: {
            query?: {
                /** @description Page number, starting at 1. */
                page?: number;
                /** @description Number of items per page (at most 100). */
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of sender applications. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderApplications"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No sender application is known. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getSenderApplicationById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the sender application. */
                senderApplicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sender application. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderApplication"];
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description Unknown sender application. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getImageForSenderApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the image. */
                imageId: string;
                /** @description Identifier of the sender application. */
                senderApplicationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpg": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/gif": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description Unknown application or image. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    findAllSenderOrganizations: {
        parameters: {
            query?: {
                /** @description Page number, starting at 1. */
                page?: number;
                /** @description Number of items per page (at most 100). */
                pageSize?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of sender organizations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderOrganizations"];
                };
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No sender organization is known. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getSenderOrganizationById: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier (CBE number) of the sender organization. */
                senderOrganizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The sender organization. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SenderOrganization"];
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description Unknown sender organization. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getImageForSenderOrganization: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier of the image. */
                imageId: string;
                /** @description Identifier (CBE number) of the sender organization. */
                senderOrganizationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/jpg": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/gif": string;
                    "image/svg+xml": string;
                };
            };
            /** @description Not modified: the conditional request matches the current representation. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or a parameter is out of range. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the scope this operation requires. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description Unknown organization or image. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side (stored bytes that cannot be read, a fault); the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The authorization server, the message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    getCertificationVersion: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The provider's identity. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationVersion"];
                };
            };
            /** @description This provider takes no part in the certification (it has no test e-Box). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side; the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
    resetCertificationDataSet: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The test e-Box holds the data set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationReset"];
                };
            };
            /** @description The request is malformed. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description No bearer token, or the token is unknown, inactive or expired. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The token is valid but lacks the certification scope. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description This provider has no certification test e-Box. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description A message id of the data set belongs to another e-Box; nothing was changed. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description An unexpected failure on the provider's side; the StatusMessage id is in the provider's log. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
            /** @description The message store or the audit trail cannot serve right now, or too many requests are in progress; retry later. */
            503: {
                headers: {
                    /** @description Seconds after which a retry is sensible. */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StatusMessage"];
                };
            };
        };
    };
}

/** Per operationId, the query parameters that have a default in the contract. */
export interface QueryDefaults {
  getMessagesByEBoxId: 'page' | 'pageSize';
  getAllMessagesTypes: 'page' | 'pageSize';
  findAllSenderApplications: 'page' | 'pageSize';
  findAllSenderOrganizations: 'page' | 'pageSize';
}
