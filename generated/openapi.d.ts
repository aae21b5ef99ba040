// Generated from openapi.yaml by `make generate` (openapi-typescript). Do not edit by hand.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness check
         * @description Answers 200 while the process is able to serve requests; it does not check the database (see `/ready`).
         */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness check
         * @description Answers 200 when the database answers a query (preparing it first, when the service
         *     started while it was out), 503 with `Retry-After` when it does not. A load balancer
         *     routes traffic here only while it is 200; `/health` stays a liveness check.
         */
        get: operations["getReady"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This contract as JSON
         * @description The OpenAPI document the server enforces, as JSON.
         */
        get: operations["getOpenApiJson"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This contract as YAML
         * @description The OpenAPI document the server enforces, byte for byte as written.
         */
        get: operations["getOpenApiYaml"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/command-center/connection-contract": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Command Center discovery document
         * @description The Adapter From API discovery document (`adapter-from-api-discovery`, version 1) that
         *     Command Center reads when an administrator connects this API by its root URL. Public:
         *     no credentials are needed, and it never redirects.
         *
         *     It is derived at start-up from this contract, never listed by hand: every operation
         *     whose `x-command-center` is not `false` is in `availableOperations`, with the `kind`,
         *     `capabilities`, `responseContract`, `requiresTimeRange`, `supportsMaxRows`, `cache` and
         *     `label` that extension states, its parameters translated from their schemas (integer
         *     and number to `number`, enums to `select` with `options`, strings with `validation`
         *     from `pattern`, `minLength`, `maxLength`, `minimum`, `maximum`) and its request body
         *     schema with every `$ref` resolved. `health` names the operation whose
         *     `x-command-center` has `healthCheck` (`getHealth`). The one secret variable is the API
         *     token, injected as `Authorization: Bearer <token>`.
         *
         *     `openapi.checksum` is the SHA-256 of the `/openapi.json` body; `checksum` is the SHA-256
         *     of this document's canonical JSON (keys sorted, `checksum` left out), so it only changes
         *     when the contract or the configured public base URL does. `apiBaseUrl` and the `logo`s
         *     (from `info.x-logo`, made absolute) are present only when the server is configured with
         *     `PUBLIC_BASE_URL`; they are never built from the request's `Host` header.
         */
        get: operations["getCommandCenterConnectionContract"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logo.svg": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The API's logo
         * @description The SVG logo `info.x-logo` points at, shown by Command Center on the connection and by
         *     the docs page. Public and cacheable for a day; `Cross-Origin-Resource-Policy:
         *     cross-origin` lets a dashboard on another origin display it.
         */
        get: operations["getLogo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The authenticated caller
         * @description Who the credentials of this request belong to: the user UID (the token's `sub`, or
         *     `X-User-UID` behind a trusted gateway), the username and the email (null when the
         *     identity provider gave none). Any valid identity may ask; no scope is needed.
         */
        get: operations["getMe"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers
         * @description Customers ordered by `id`, optionally filtered by region.
         *
         *     Paging is keyset based: when more rows exist the response carries a
         *     `Link: <...>; rel="next"` header whose URL (with an opaque `cursor`) returns the next
         *     page. Walking the `next` links returns every row exactly once, in order, even while
         *     rows are being added.
         */
        get: operations["listCustomers"];
        put?: never;
        /**
         * Create a customer
         * @description Adds one customer. Customer codes are unique; a second create with the same code is a 409.
         */
        post: operations["createCustomer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customer_code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one customer
         * @description The customer with this code.
         */
        get: operations["getCustomer"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/random-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Random numbers between two dates
         * @description Rows of the published time series `example_random_number_{MAIN_SEQUENCE_PROJECT_ID}_0.0`,
         *     sorted by `time_index`, covering both whole UTC days: from `start_date` 00:00:00 to
         *     `end_date` 23:59:59.999.
         *
         *     A range holding more than 10,000 rows is refused with a 400 asking for a narrower range,
         *     so no request triggers an unbounded read. When the series has not been produced yet
         *     (the launcher has not run) the answer is 404.
         */
        get: operations["getRandomNumbers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widgets/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers as a tabular frame
         * @description The same rows as `GET /customers` (one page), in the Command Center
         *     `core.tabular_frame@v1` shape. `columns` and `fields` are derived from the `Customer`
         *     schema. An empty result is a `ready` frame with no rows.
         *
         *     The frame holds at most `limit` rows. `meta.page` says whether it was cut there
         *     (`truncated`) and, when it was, the `nextCursor` to pass as `cursor` for the next part
         *     (the same cursor `GET /customers` pages with). `source.updatedAtMs` is when the
         *     customers table was last written, not when the frame was built.
         */
        get: operations["getCustomersFrame"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/widgets/random-numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Random numbers as a time-series tabular frame
         * @description The same rows as `GET /random-numbers`, in the Command Center `core.tabular_frame@v1`
         *     shape with `meta.timeSeries` (long shape, daily). `time_index` values are integer
         *     epoch milliseconds (UTC). A range with no rows is a `ready` frame with no rows; a
         *     failed read is the documented error response (never a 200 frame with `status: error`).
         */
        get: operations["getRandomNumbersFrame"];
        put?: never;
        post?: never;
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
        /**
         * @description Liveness report.
         * @example {
         *       "status": "ok",
         *       "version": "2.6.0"
         *     }
         */
        Health: {
            /**
             * @description Always `ok` when the service answers.
             * @constant
             */
            status: "ok";
            /** @description The contract version (`info.version`) this server enforces. */
            version: string;
        };
        /**
         * @description Readiness report.
         * @example {
         *       "status": "ready"
         *     }
         */
        Readiness: {
            /**
             * @description Always `ready` when the database answers.
             * @constant
             */
            status: "ready";
        };
        /**
         * @description The authenticated caller, as the request's credentials name it.
         * @example {
         *       "id": "7a0f3a52-3b0c-4f0e-9d49-2f6f1c0e2b11",
         *       "username": "ada",
         *       "email": "ada@example.com"
         *     }
         */
        Me: {
            /**
             * Format: uuid
             * @description The user's UID (the token's `sub`).
             */
            id: string;
            /** @description The user's login name (`preferred_username`, or the UID when the token has none). */
            username: string;
            /** @description The user's email address, or null when the identity provider gave none. */
            email: string | null;
        };
        /**
         * @description A customer's unique code.
         * @example ACME
         */
        CustomerCode: string;
        /**
         * @description The customer's display name (no NUL characters).
         * @example Acme Capital
         */
        CustomerName: string;
        /**
         * @description The region the customer belongs to (no NUL characters).
         * @example US
         */
        Region: string;
        /**
         * @description A customer, as stored in the customers table.
         * @example {
         *       "id": 1,
         *       "customer_code": "ACME",
         *       "name": "Acme Capital",
         *       "region": "US"
         *     }
         */
        Customer: {
            /** @description Server-assigned identifier; rows are ordered by it. */
            id: number;
            customer_code: components["schemas"]["CustomerCode"];
            name: components["schemas"]["CustomerName"];
            region: components["schemas"]["Region"];
        };
        /**
         * @description The fields a client supplies to create a customer.
         * @example {
         *       "customer_code": "DELTA",
         *       "name": "Delta Holdings",
         *       "region": "EU"
         *     }
         */
        NewCustomer: {
            customer_code: components["schemas"]["CustomerCode"];
            name: components["schemas"]["CustomerName"];
            region: components["schemas"]["Region"];
        };
        /**
         * @description One observation of the random-number series.
         * @example {
         *       "time_index": "2026-03-01T00:00:00.000Z",
         *       "random_number": 0.4178
         *     }
         */
        RandomNumberRow: {
            /**
             * Format: date-time
             * @description Observation time, UTC, ISO 8601 with milliseconds.
             */
            time_index: string;
            /** @description The value drawn for that day, in [0, 1). */
            random_number: number;
        };
        /**
         * @description Rows of one published time series.
         * @example {
         *       "identifier": "example_random_number_local_0.0",
         *       "rows": [
         *         {
         *           "time_index": "2026-03-01T00:00:00.000Z",
         *           "random_number": 0.4178
         *         }
         *       ]
         *     }
         */
        RandomNumberSeries: {
            /** @description The DataNode identifier the rows were read from. */
            identifier: string;
            /** @description Rows sorted by `time_index`, oldest first. */
            rows: components["schemas"]["RandomNumberRow"][];
        };
        /**
         * @description One field that failed validation.
         * @example {
         *       "field": "query.limit",
         *       "message": "must be <= 500"
         *     }
         */
        ProblemFieldError: {
            /** @description Where the bad value was, as `query.<name>`, `path.<name>` or `body.<pointer>`. */
            field: string;
            /** @description Why it was refused. */
            message: string;
        };
        /**
         * @description The kinds of problem this API answers with, as `urn:problem-type:<kind>`; no other
         *     `type` is ever sent.
         *
         *     | type | status | when |
         *     | --- | --- | --- |
         *     | `urn:problem-type:validation-error` | 400 | A parameter or body field does not match the contract (`errors` names each). |
         *     | `urn:problem-type:invalid-input` | 400 | The request matches the schemas but breaks a rule they cannot state (a foreign cursor, a reversed or too long date range). |
         *     | `urn:problem-type:malformed-json` | 400 | The body is not JSON. |
         *     | `urn:problem-type:bad-request` | 400 | The body cannot be read, or decoded as its `Content-Encoding` or charset says (invalid UTF-8 included). |
         *     | `urn:problem-type:credentials-in-url` | 400 | A query parameter carries a credential (`access_token`, `token`, `api_key`, any case); its value is never logged. |
         *     | `urn:problem-type:duplicate-json-key` | 400 | The JSON body repeats a member name within one object. |
         *     | `urn:problem-type:malformed-request` | 400 | The request is not valid HTTP/1.1 (answered before routing; the connection is closed). |
         *     | `urn:problem-type:unauthorized` | 401 | No credentials, or credentials that are not valid. |
         *     | `urn:problem-type:insufficient-scope` | 403 | The token lacks a scope the operation requires. |
         *     | `urn:problem-type:not-found` | 404 | The named customer or time series does not exist. |
         *     | `urn:problem-type:route-not-found` | 404 | No operation is defined at this path. |
         *     | `urn:problem-type:docs-not-built` | 404 | `/docs` was asked for, but the documentation page has not been built. |
         *     | `urn:problem-type:method-not-allowed` | 405 | The path has no operation for this method (`Allow` lists those it has). |
         *     | `urn:problem-type:request-timeout` | 408 | The headers or the whole request did not arrive within `HEADERS_TIMEOUT_MS` / `REQUEST_TIMEOUT_MS`. |
         *     | `urn:problem-type:conflict` | 409 | A customer with this code already exists. |
         *     | `urn:problem-type:payload-too-large` | 413 | The body is over the size limit. |
         *     | `urn:problem-type:unsupported-media-type` | 415 | The body is not `application/json`, or its charset or encoding is not one the server reads. |
         *     | `urn:problem-type:uri-too-long` | 414 | The URL is over 8192 bytes. |
         *     | `urn:problem-type:rate-limited` | 429 | The caller used up its per-minute budget. |
         *     | `urn:problem-type:request-header-fields-too-large` | 431 | The request line and headers exceed 16 KiB. |
         *     | `urn:problem-type:internal-error` | 500 | An unexpected failure (logged with the request id). |
         *     | `urn:problem-type:database-unavailable` | 503 | The database cannot serve right now. |
         *     | `urn:problem-type:identity-provider-unavailable` | 503 | The identity provider's signing keys cannot be fetched. |
         *     | `urn:problem-type:shutting-down` | 503 | `/ready` after `SIGTERM`: the process is draining and load balancers should send traffic elsewhere. |
         * @example urn:problem-type:not-found
         * @enum {string}
         */
        ProblemType: "urn:problem-type:validation-error" | "urn:problem-type:invalid-input" | "urn:problem-type:malformed-json" | "urn:problem-type:bad-request" | "urn:problem-type:credentials-in-url" | "urn:problem-type:duplicate-json-key" | "urn:problem-type:malformed-request" | "urn:problem-type:unauthorized" | "urn:problem-type:insufficient-scope" | "urn:problem-type:not-found" | "urn:problem-type:route-not-found" | "urn:problem-type:docs-not-built" | "urn:problem-type:method-not-allowed" | "urn:problem-type:request-timeout" | "urn:problem-type:conflict" | "urn:problem-type:payload-too-large" | "urn:problem-type:unsupported-media-type" | "urn:problem-type:uri-too-long" | "urn:problem-type:rate-limited" | "urn:problem-type:request-header-fields-too-large" | "urn:problem-type:internal-error" | "urn:problem-type:database-unavailable" | "urn:problem-type:identity-provider-unavailable" | "urn:problem-type:shutting-down";
        /**
         * @description An RFC 9457 problem document; every error response has this shape.
         * @example {
         *       "type": "urn:problem-type:validation-error",
         *       "title": "Bad Request",
         *       "status": 400,
         *       "detail": "query.limit: must be >= 1",
         *       "instance": "urn:request-id:3f2a6c1e-8b4d-4e7a-9c0f-5d1e2b3a4c6f",
         *       "request_id": "3f2a6c1e-8b4d-4e7a-9c0f-5d1e2b3a4c6f",
         *       "errors": [
         *         {
         *           "field": "query.limit",
         *           "message": "must be >= 1"
         *         }
         *       ]
         *     }
         */
        Problem: {
            type: components["schemas"]["ProblemType"];
            /** @description Short, human-readable summary of the kind of problem. */
            title: string;
            /** @description The HTTP status code. */
            status: number;
            /** @description What went wrong with this request. */
            detail: string;
            /**
             * @description This occurrence of the problem, named by its request id: `urn:request-id:<request_id>`
             *     (RFC 9457 `instance`, a URI that identifies the occurrence rather than the resource).
             */
            instance: string;
            /**
             * @description The request id, also in the `X-Request-Id` response header: the caller's own
             *     `X-Request-Id` when it sent a sane one (1-128 of `A-Z a-z 0-9 . _ : -`), a UUID
             *     otherwise. Quote it when reporting a problem.
             */
            request_id: string;
            /** @description For validation failures, each offending field and why (at most 20; `detail` counts the rest). */
            errors?: components["schemas"]["ProblemFieldError"][];
        };
        /**
         * @description Command Center tabular frame, contract `core.tabular_frame@v1`. Dashboards render any
         *     endpoint that returns this shape. Every row has exactly the keys in `columns`; time
         *     values in rows are integer epoch milliseconds (UTC).
         * @example {
         *       "status": "ready",
         *       "columns": [
         *         "customer_code"
         *       ],
         *       "rows": [
         *         {
         *           "customer_code": "ACME"
         *         }
         *       ],
         *       "fields": [
         *         {
         *           "key": "customer_code",
         *           "label": "Customer Code",
         *           "type": "string",
         *           "provenance": "backend"
         *         }
         *       ],
         *       "source": {
         *         "kind": "api",
         *         "label": "Tutorial Customers API"
         *       }
         *     }
         */
        TabularFrame: {
            /**
             * @description Lifecycle state of the frame.
             * @enum {string}
             */
            status: "idle" | "loading" | "ready" | "error";
            /** @description Error message when `status` is `error`. */
            error?: string;
            /** @description Column keys, in display order. */
            columns: string[];
            /** @description One object per row, keyed by column. */
            rows: {
                [key: string]: unknown;
            }[];
            /** @description Per-column metadata. */
            fields?: components["schemas"]["TabularFrameField"][];
            meta?: components["schemas"]["TabularFrameMeta"];
            source?: components["schemas"]["TabularFrameSource"];
        };
        /**
         * @description Metadata of one column of a `core.tabular_frame@v1` frame.
         * @example {
         *       "key": "region",
         *       "label": "Region",
         *       "type": "string",
         *       "nullable": false,
         *       "provenance": "backend"
         *     }
         */
        TabularFrameField: {
            /** @description The column key, as in `columns`. */
            key: string;
            /** @description Display label. */
            label?: string;
            /** @description What the column holds. */
            description?: string;
            /**
             * @description Logical type of the values.
             * @enum {string}
             */
            type: "string" | "number" | "integer" | "boolean" | "datetime" | "date" | "time" | "json" | "unknown";
            /** @description Whether values may be null. */
            nullable?: boolean;
            /** @description The producer's own type name. */
            nativeType?: string;
            /**
             * @description Where this field description came from.
             * @enum {string}
             */
            provenance?: "backend" | "manual" | "inferred" | "derived";
            /** @description Why the field has this description (for inferred or derived fields). */
            reason?: string;
            /** @description Columns this one is computed from. */
            derivedFrom?: string[];
            /** @description Problems noticed with this column. */
            warnings?: string[];
        };
        /**
         * @description Who produced a `core.tabular_frame@v1` frame.
         * @example {
         *       "kind": "api",
         *       "label": "Tutorial Customers API",
         *       "updatedAtMs": 1772323200000
         *     }
         */
        TabularFrameSource: {
            /** @description A stable producer kind, such as `api`. */
            kind: string;
            /** @description The producer's identifier for the data. */
            id?: string | number;
            /** @description Display name of the source. */
            label?: string;
            /** @description When the data was last updated, epoch milliseconds. */
            updatedAtMs?: number;
            /** @description Producer-specific context. */
            context?: {
                [key: string]: unknown;
            };
        };
        /**
         * @description Open metadata of a `core.tabular_frame@v1` frame; other keys are allowed.
         * @example {
         *       "timeSeries": {
         *         "shape": "long",
         *         "timeField": "time_index",
         *         "sorted": true
         *       }
         *     }
         */
        TabularFrameMeta: {
            timeSeries?: components["schemas"]["TabularFrameTimeSeries"];
            page?: components["schemas"]["TabularFramePage"];
        } & {
            [key: string]: unknown;
        };
        /**
         * @description How to read a `core.tabular_frame@v1` frame as a time series.
         * @example {
         *       "shape": "long",
         *       "timeField": "time_index",
         *       "sorted": true
         *     }
         */
        TabularFrameTimeSeries: {
            /**
             * @description `long`: one row per (time, series); `wide`: one column per series.
             * @enum {string}
             */
            shape: "long" | "wide";
            /** @description The column holding the time. */
            timeField: string;
            /**
             * @description Unit of the time values.
             * @default ms
             * @enum {string}
             */
            timeUnit: "ms";
            /**
             * @description Time zone of the time values.
             * @default UTC
             * @enum {string}
             */
            timezone: "UTC";
            /** @description Whether rows are sorted by time. */
            sorted: boolean;
            /** @description The value column (long shape). */
            valueField?: string;
            /** @description The column naming the series (long shape). */
            seriesField?: string;
            /** @description Columns used to label a series. */
            seriesLabelFields?: string[];
            /** @description The value columns (wide shape). */
            valueFields?: string[];
            /** @description Sampling frequency, such as `1d`. */
            frequency?: string;
            /** @description Calendar the frequency follows. */
            calendar?: string;
            /**
             * @description How missing observations are represented.
             * @enum {string}
             */
            gapPolicy?: "preserve_nulls" | "drop_nulls";
            /**
             * @description How duplicate timestamps are treated.
             * @enum {string}
             */
            duplicatePolicy?: "error" | "first" | "latest" | "aggregate" | "preserve";
            /** @description Unit of each value column. */
            unitByField?: {
                [key: string]: string;
            };
        };
        /**
         * @description Where a frame that holds one page of a longer result was cut (this API's key in the open
         *     `meta`). `truncated` is true when more rows follow; pass `nextCursor` as the operation's
         *     `cursor` parameter to get them.
         * @example {
         *       "limit": 50,
         *       "truncated": true,
         *       "nextCursor": "eyJhZnRlciI6NTB9"
         *     }
         */
        TabularFramePage: {
            /** @description The most rows this frame could hold (the request's `limit`). */
            limit: number;
            /** @description Whether rows beyond this frame exist. */
            truncated: boolean;
            /** @description Present when `truncated`; the `cursor` that fetches the next part. */
            nextCursor?: string;
        };
        /**
         * @description Command Center's Adapter From API discovery document, contract
         *     `adapter-from-api-discovery` version 1. Two rules this schema cannot state also hold:
         *     no two `availableOperations` share an `operationId`, and `health.operationId` names one
         *     of them.
         */
        AdapterFromApiDiscovery: {
            /**
             * @description The discovery contract's version.
             * @constant
             */
            contractVersion: 1;
            adapter: components["schemas"]["AdapterFromApiAdapter"];
            openapi: components["schemas"]["AdapterFromApiOpenApi"];
            /** @description Public settings of a connection (none for this API). */
            configVariables: components["schemas"]["AdapterFromApiPublicVariable"][];
            /** @description Credentials of a connection and how Command Center's backend injects them. */
            secretVariables: components["schemas"]["AdapterFromApiSecretVariable"][];
            /** @description The operations Command Center may call (an allow-list). */
            availableOperations: components["schemas"]["AdapterFromApiOperation"][];
            health: components["schemas"]["AdapterFromApiHealth"];
            /** @description The API root, when the server is configured with `PUBLIC_BASE_URL`. */
            apiBaseUrl?: components["schemas"]["AdapterFromApiHttpUrl"];
            /** @description SHA-256 of this document's canonical JSON without `checksum`. */
            checksum?: components["schemas"]["AdapterFromApiText"];
        };
        /**
         * @description A non-empty string: at least one character that is not white space. (The contract says
         *     `.*\S.*`; an unanchored `\S` matches exactly the same strings and is far cheaper for
         *     generators such as the contract fuzzer's.)
         */
        AdapterFromApiText: string;
        /** @description An absolute `http://` or `https://` URL. */
        AdapterFromApiHttpUrl: string;
        /** @description Which API this is, from the contract's `info`. */
        AdapterFromApiAdapter: {
            /**
             * @description Always `adapter-from-api`.
             * @constant
             */
            type: "adapter-from-api";
            /** @description A stable identifier of this API (from `info.title`). */
            id: components["schemas"]["AdapterFromApiText"];
            /** @description Display name (`info.title`). */
            title: components["schemas"]["AdapterFromApiText"];
            /** @description One line about the API (`info.summary`). */
            description: components["schemas"]["AdapterFromApiText"];
            logo?: components["schemas"]["AdapterFromApiLogo"];
        };
        /** @description A logo with an absolute URL. */
        AdapterFromApiLogo: {
            /** @description Where the image is. */
            url: components["schemas"]["AdapterFromApiHttpUrl"];
            /** @description Text to show in its place. */
            altText?: components["schemas"]["AdapterFromApiText"];
            /** @description A CSS colour to show it on. */
            backgroundColor?: components["schemas"]["AdapterFromApiText"];
            /** @description Where a click on it leads. */
            href?: components["schemas"]["AdapterFromApiHttpUrl"];
            /**
             * @description Where the logo was read from.
             * @constant
             */
            source?: "openapi.info.x-logo";
        };
        /** @description Where the OpenAPI document is, and which one. */
        AdapterFromApiOpenApi: {
            /** @description An absolute http(s) URL, or a path on the API root starting with `/`. */
            url: string;
            /** @description The OpenAPI version of the document (`openapi`). */
            version?: components["schemas"]["AdapterFromApiText"];
            /** @description SHA-256 (hex) of the `/openapi.json` body. */
            checksum?: components["schemas"]["AdapterFromApiText"];
            logo?: components["schemas"]["AdapterFromApiLogo"];
        };
        /**
         * @description How Command Center edits a value.
         * @enum {string}
         */
        AdapterFromApiVariableType: "string" | "number" | "boolean" | "select" | "json";
        /** @description One choice of a `select`. */
        AdapterFromApiOption: {
            label: components["schemas"]["AdapterFromApiText"];
            value: components["schemas"]["AdapterFromApiText"];
        };
        /** @description Bounds a value must respect. */
        AdapterFromApiValidation: {
            /** @description A regular expression a string must match. */
            pattern?: string;
            /** @description Smallest number allowed. */
            min?: number;
            /** @description Largest number allowed. */
            max?: number;
            /** @description Fewest characters allowed. */
            minLength?: number;
            /** @description Most characters allowed. */
            maxLength?: number;
        };
        /** @description A public setting of a connection. */
        AdapterFromApiPublicVariable: {
            key: components["schemas"]["AdapterFromApiText"];
            label: components["schemas"]["AdapterFromApiText"];
            type: components["schemas"]["AdapterFromApiVariableType"];
            description?: string;
            required?: boolean;
            /** @description The value used when none is given (any JSON value). */
            defaultValue?: unknown;
            /** @description A typical value (any JSON value). */
            example?: unknown;
            renderAs?: components["schemas"]["AdapterFromApiText"];
            options?: components["schemas"]["AdapterFromApiOption"][];
            validation?: components["schemas"]["AdapterFromApiValidation"];
            /** @description The wire name, when it differs from `key`. */
            name?: components["schemas"]["AdapterFromApiText"];
        };
        /** @description A credential of a connection; Command Center's backend stores and injects it. */
        AdapterFromApiSecretVariable: {
            key: components["schemas"]["AdapterFromApiText"];
            label: components["schemas"]["AdapterFromApiText"];
            /** @constant */
            type: "secret";
            injection: components["schemas"]["AdapterFromApiSecretInjection"];
            description?: string;
            required?: boolean;
            /** @description The value used when none is given (any JSON value). */
            defaultValue?: unknown;
            /** @description A typical value (any JSON value). */
            example?: unknown;
            renderAs?: components["schemas"]["AdapterFromApiText"];
            options?: components["schemas"]["AdapterFromApiOption"][];
            validation?: components["schemas"]["AdapterFromApiValidation"];
        };
        /** @description How a secret goes into each request: `bearer` is `Authorization: Bearer <value>`. */
        AdapterFromApiSecretInjection: {
            /** @enum {string} */
            type: "header" | "query" | "basic" | "bearer";
            name?: components["schemas"]["AdapterFromApiText"];
            template?: components["schemas"]["AdapterFromApiText"];
        };
        /**
         * @description `query` answers data for widgets, `resource` is any other read, `mutation` changes data.
         * @enum {string}
         */
        AdapterFromApiOperationKind: "query" | "resource" | "mutation";
        /** @description One operation Command Center may call. A query-capable operation names its `responseContract`. */
        AdapterFromApiOperation: {
            operationId: components["schemas"]["AdapterFromApiText"];
            /** @enum {string} */
            method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
            /** @description The path template on the API root, with `{name}` for path parameters. */
            path: string;
            kind: components["schemas"]["AdapterFromApiOperationKind"];
            capabilities: components["schemas"]["AdapterFromApiOperationKind"][];
            label?: components["schemas"]["AdapterFromApiText"];
            description?: string;
            requiresTimeRange?: boolean;
            supportsVariables?: boolean;
            /** @description Whether a row limit maps to a parameter (`limit`). */
            supportsMaxRows?: boolean;
            parameters?: components["schemas"]["AdapterFromApiOperationParameters"];
            requestBody?: components["schemas"]["AdapterFromApiRequestBody"];
            /** @description The contract the answer already conforms to, such as `core.tabular_frame@v1`. */
            responseContract?: components["schemas"]["AdapterFromApiText"];
            /** @description The contract schema of the success response. */
            responseModel?: string | null;
            cache?: components["schemas"]["AdapterFromApiCache"];
        };
        /** @description An operation's parameters by where they travel. */
        AdapterFromApiOperationParameters: {
            path?: components["schemas"]["AdapterFromApiOperationParameter"][];
            query?: components["schemas"]["AdapterFromApiOperationParameter"][];
            headers?: components["schemas"]["AdapterFromApiOperationParameter"][];
        };
        /** @description One parameter of an operation, translated from its schema. */
        AdapterFromApiOperationParameter: {
            key: components["schemas"]["AdapterFromApiText"];
            label: components["schemas"]["AdapterFromApiText"];
            type: components["schemas"]["AdapterFromApiVariableType"];
            /** @description The wire name, when it differs from `key`. */
            name?: components["schemas"]["AdapterFromApiText"];
            description?: string;
            required?: boolean;
            /** @description The schema's default (any JSON value). */
            defaultValue?: unknown;
            /** @description A typical value (any JSON value). */
            example?: unknown;
            renderAs?: components["schemas"]["AdapterFromApiText"];
            options?: components["schemas"]["AdapterFromApiOption"][];
            validation?: components["schemas"]["AdapterFromApiValidation"];
        };
        /** @description An operation's request body, its schema self-contained (every `$ref` resolved). */
        AdapterFromApiRequestBody: {
            required?: boolean;
            contentType?: components["schemas"]["AdapterFromApiText"];
            /** @description The body's JSON Schema (any JSON value). */
            schema?: unknown;
            description?: string;
        } | null;
        /** @description How Command Center may cache an operation's answers. */
        AdapterFromApiCache: {
            /** @enum {string} */
            policy?: "safe" | "disabled";
            ttlMs?: number;
            dedupeInFlight?: boolean;
        };
        /** @description The operation Command Center calls, with no parameters, to check the connection. */
        AdapterFromApiHealth: {
            /** @description One of `availableOperations`; it supplies the method and path. */
            operationId: components["schemas"]["AdapterFromApiText"];
            /** @description The healthy status (any 2xx when absent). */
            expectedStatus?: number;
            /** @description How long the check may take. */
            timeoutMs?: number;
        };
    };
    responses: {
        /** @description This operation takes no parameters; any query parameter is refused, named in `errors`. */
        NoParametersBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A parameter does not match the contract, or the cursor is not one this server issued; `errors` names each bad field. */
        ListCustomersBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A parameter does not match the contract, or the cursor is not one this server issued; `errors` names each bad field. */
        CustomersFrameBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The body is not JSON, cannot be decoded, or does not match `NewCustomer`; `errors` names each bad field. */
        CreateCustomerBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The customer code in the path does not match `CustomerCode`. */
        GetCustomerBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A date is missing or not a date, the range is reversed, or it holds more rows than one request may read; `errors` names each bad field. */
        RandomNumbersBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No customer has this code. */
        CustomerNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The time series has not been produced yet (the launcher has not run). */
        SeriesNotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description A customer with this code already exists. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than the documented limit (100 kB by default). */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is not `application/json`, or uses a charset or encoding the server does not read. */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description No credentials, or credentials that are not valid (malformed, expired, bad signature,
         *     wrong issuer or audience, untrusted identity headers, an identity header or
         *     `Authorization` sent more than once).
         */
        Unauthorized: {
            headers: {
                /**
                 * @description `Bearer realm="tutorial-api"`, with `error="invalid_token"` when a token was sent.
                 * @example Bearer realm="tutorial-api"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller is authenticated but its token does not grant `customers:read`. */
        ForbiddenCustomersRead: {
            headers: {
                /**
                 * @description `Bearer error="insufficient_scope", scope="..."` naming the missing scopes.
                 * @example Bearer realm="tutorial-api", error="insufficient_scope", scope="customers:read"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller is authenticated but its token does not grant `customers:write`. */
        ForbiddenCustomersWrite: {
            headers: {
                /**
                 * @description `Bearer error="insufficient_scope", scope="..."` naming the missing scopes.
                 * @example Bearer realm="tutorial-api", error="insufficient_scope", scope="customers:write"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller is authenticated but its token does not grant `timeseries:read`. */
        ForbiddenTimeseriesRead: {
            headers: {
                /**
                 * @description `Bearer error="insufficient_scope", scope="..."` naming the missing scopes.
                 * @example Bearer realm="tutorial-api", error="insufficient_scope", scope="timeseries:read"
                 */
                "WWW-Authenticate": string;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The client did not send the request's headers within `HEADERS_TIMEOUT_MS` (10 s by
         *     default) or the whole request within `REQUEST_TIMEOUT_MS` (30 s by default). The
         *     connection is closed after this answer.
         */
        RequestTimeout: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request URL (path and query) is longer than 8192 bytes; it is refused before routing. */
        UriTooLong: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request line and headers together exceed 16 KiB. The connection is closed after this answer. */
        RequestHeaderFieldsTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The caller (user, or client address when anonymous) used up its per-minute request budget. */
        TooManyRequests: {
            headers: {
                /**
                 * @description Seconds until the budget is renewed.
                 * @example 42
                 */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description An unexpected failure. Details are logged with the request id, never returned. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The identity provider's signing keys (`AUTH_JWKS_URL`) cannot be fetched, so the
         *     caller's token cannot be checked. Retry after `Retry-After` seconds.
         */
        IdentityProviderUnavailable: {
            headers: {
                /**
                 * @description Seconds to wait before retrying.
                 * @example 5
                 */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The process cannot take traffic: the database is down, unreachable or unreadable
         *     (`urn:problem-type:database-unavailable`), or the process got `SIGTERM` and is draining
         *     (`urn:problem-type:shutting-down`), so load balancers should send traffic elsewhere.
         *     Retry after `Retry-After` seconds.
         */
        ReadyUnavailable: {
            headers: {
                /**
                 * @description Seconds to wait before asking again.
                 * @example 5
                 */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The database is down, unreachable, locked past the statement timeout or unreadable
         *     (`urn:problem-type:database-unavailable`), or the identity provider's signing keys
         *     (`AUTH_JWKS_URL`) cannot be fetched, so the caller's token cannot be checked
         *     (`urn:problem-type:identity-provider-unavailable`). Retry after `Retry-After` seconds. A write that answered 503 was not acknowledged;
         *     retrying it is safe (a create that did land before the outage answers 409 on retry).
         */
        ServiceUnavailable: {
            headers: {
                /**
                 * @description Seconds to wait before retrying.
                 * @example 5
                 */
                "Retry-After": number;
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description Only customers of this region (exact match).
         * @example US
         */
        RegionFilter: components["schemas"]["Region"];
        /**
         * @description Maximum number of rows to return.
         * @example 50
         */
        Limit: number;
        /**
         * @description Opaque position from a previous page's `Link` header. Do not build it by hand.
         * @example eyJhZnRlciI6N30
         */
        Cursor: string;
        /**
         * @description First UTC day of the range (inclusive, from 00:00:00).
         * @example 2026-03-01
         */
        StartDate: string;
        /**
         * @description Last UTC day of the range (inclusive, to 23:59:59.999). Must not be before `start_date`.
         * @example 2026-03-31
         */
        EndDate: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service is up. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getReady: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service and its database are ready to serve. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ReadyUnavailable"];
        };
    };
    getOpenApiJson: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getOpenApiYaml: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getCommandCenterConnectionContract: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The discovery document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdapterFromApiDiscovery"];
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getLogo: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The logo. */
            200: {
                headers: {
                    /**
                     * @description How long the logo may be cached.
                     * @example public, max-age=86400
                     */
                    "Cache-Control": string;
                    /**
                     * @description Any origin may embed the logo.
                     * @example cross-origin
                     */
                    "Cross-Origin-Resource-Policy": "cross-origin";
                    [name: string]: unknown;
                };
                content: {
                    "image/svg+xml": string;
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
        };
    };
    getMe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Me"];
                };
            };
            400: components["responses"]["NoParametersBadRequest"];
            401: components["responses"]["Unauthorized"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["IdentityProviderUnavailable"];
        };
    };
    listCustomers: {
        parameters: {
            query?: {
                /**
                 * @description Only customers of this region (exact match).
                 * @example US
                 */
                region?: components["parameters"]["RegionFilter"];
                /**
                 * @description Maximum number of rows to return.
                 * @example 50
                 */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description Opaque position from a previous page's `Link` header. Do not build it by hand.
                 * @example eyJhZnRlciI6N30
                 */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of customers, ordered by id. */
            200: {
                headers: {
                    /** @description `<url>; rel="next"` when another page exists; absent on the last page. */
                    Link?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"][];
                };
            };
            400: components["responses"]["ListCustomersBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenCustomersRead"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The new customer. The `id` is assigned by the server. */
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewCustomer"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    /**
                     * @description The path of the new customer (`/customers/{customer_code}`).
                     * @example /customers/DELTA
                     */
                    Location: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["CreateCustomerBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenCustomersWrite"];
            408: components["responses"]["RequestTimeout"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            414: components["responses"]["UriTooLong"];
            415: components["responses"]["UnsupportedMediaType"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCustomer: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The customer's unique code. */
                customer_code: components["schemas"]["CustomerCode"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The customer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["GetCustomerBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenCustomersRead"];
            404: components["responses"]["CustomerNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRandomNumbers: {
        parameters: {
            query: {
                /**
                 * @description First UTC day of the range (inclusive, from 00:00:00).
                 * @example 2026-03-01
                 */
                start_date: components["parameters"]["StartDate"];
                /**
                 * @description Last UTC day of the range (inclusive, to 23:59:59.999). Must not be before `start_date`.
                 * @example 2026-03-31
                 */
                end_date: components["parameters"]["EndDate"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rows in the range, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RandomNumberSeries"];
                };
            };
            400: components["responses"]["RandomNumbersBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenTimeseriesRead"];
            404: components["responses"]["SeriesNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCustomersFrame: {
        parameters: {
            query?: {
                /**
                 * @description Only customers of this region (exact match).
                 * @example US
                 */
                region?: components["parameters"]["RegionFilter"];
                /**
                 * @description Maximum number of rows to return.
                 * @example 50
                 */
                limit?: components["parameters"]["Limit"];
                /**
                 * @description Opaque position from a previous page's `Link` header. Do not build it by hand.
                 * @example eyJhZnRlciI6N30
                 */
                cursor?: components["parameters"]["Cursor"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A ready frame. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TabularFrame"];
                };
            };
            400: components["responses"]["CustomersFrameBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenCustomersRead"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRandomNumbersFrame: {
        parameters: {
            query: {
                /**
                 * @description First UTC day of the range (inclusive, from 00:00:00).
                 * @example 2026-03-01
                 */
                start_date: components["parameters"]["StartDate"];
                /**
                 * @description Last UTC day of the range (inclusive, to 23:59:59.999). Must not be before `start_date`.
                 * @example 2026-03-31
                 */
                end_date: components["parameters"]["EndDate"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A ready time-series frame. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TabularFrame"];
                };
            };
            400: components["responses"]["RandomNumbersBadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["ForbiddenTimeseriesRead"];
            404: components["responses"]["SeriesNotFound"];
            408: components["responses"]["RequestTimeout"];
            414: components["responses"]["UriTooLong"];
            429: components["responses"]["TooManyRequests"];
            431: components["responses"]["RequestHeaderFieldsTooLarge"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
