/**
 * StackQL's public provider-document signing certificate: the content of
 * `signing/Ed25519/app/edcrypto/embeddedcerts/signingcerts/stackql-signing-bundle.pem` in
 * github.com/stackql/stackql-provider-registry (commit 961f37e2b42a29af248108aa9bf5105657ed6009),
 * the Go module `edcrypto` that stackql embeds. Self-signed Ed25519, subject and issuer
 * `O=StackQL Studios, CN=Jeffrey Aven`, valid 2025-02-27T21:15:00Z to 2027-08-16T21:15:00Z.
 *
 * StackQL re-issues this certificate over the same key pair (earlier ones were valid 2022-02-12 to
 * 2024-02-12 and 2023-02-27 to 2025-08-15), so signatures timestamped before 2025-02-27 - including
 * every `.sig` in the published google v1.0.4 package (signed 2022-07-29) - verify against the key
 * but fall outside this certificate's validity window.
 */
export const STACKQL_SIGNING_BUNDLE_PEM = `-----BEGIN CERTIFICATE-----
MIIBRDCB96ADAgECAhRIs2XA4fflUvQYcTySrcw8mgGJHDAFBgMrZXAwMTEYMBYG
A1UECgwPU3RhY2tRTCBTdHVkaW9zMRUwEwYDVQQDDAxKZWZmcmV5IEF2ZW4wHhcN
MjUwMjI3MjExNTAwWhcNMjcwODE2MjExNTAwWjAxMRgwFgYDVQQKDA9TdGFja1FM
IFN0dWRpb3MxFTATBgNVBAMMDEplZmZyZXkgQXZlbjAqMAUGAytlcAMhAHrnFfXl
umkc0rjmsXtRUw2mrSV+ycdCLAjBuhs2Y5E5oyEwHzAdBgNVHQ4EFgQUhcjFUmsF
artlM13eyE+xnv5CAUowBQYDK2VwA0EAgVdO/JhQTQQcfV5lvqMJPXst/zUM917I
Qtt4ep6bRb5KopxEP6K71sv5YCYHcr6KiiTD4z+E03eJYK8JMMjIBQ==
-----END CERTIFICATE-----
`;
