// RequestOptions: how one call of the REST client behaves — its query options (dryRun=All,
// fieldManager), how long an attempt may stall, how often and how patiently it is retried, and
// how large an answer may be. The defaults suit an interactive console: a stalled attempt is
// given up after 15 s, a failed idempotent request is tried at most 4 times within about 1.5 s of
// backoff, and a 429 is retried after the server's Retry-After (at most 30 s).
// PatchType: the three patch formats the API server accepts, with their Content-Type.
// Plain values; copy freely.
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <chrono>
#include <optional>

#include "base/backoff.h"

namespace scaledeck::kube {

enum class PatchType {
    StrategicMerge,  // application/strategic-merge-patch+json: lists merged by key (containers)
    Merge,           // application/merge-patch+json (RFC 7386): lists replaced whole
    Json,            // application/json-patch+json (RFC 6902): a list of operations
};

inline QByteArray contentTypeOf(PatchType type) {
    switch (type) {
        case PatchType::StrategicMerge:
            return QByteArrayLiteral("application/strategic-merge-patch+json");
        case PatchType::Merge:
            return QByteArrayLiteral("application/merge-patch+json");
        case PatchType::Json:
            return QByteArrayLiteral("application/json-patch+json");
    }
    return QByteArrayLiteral("application/merge-patch+json");
}

struct RequestOptions {
    // Lists of thousands of pods are hundreds of MiB of JSON at worst; anything larger is a
    // request that should have been narrowed or paged. A single object is a few KiB; 16 MiB
    // leaves room for huge ConfigMaps while stopping a runaway answer early.
    static constexpr qint64 kListLimitBytes = 256LL * 1024 * 1024;
    static constexpr qint64 kObjectLimitBytes = 16LL * 1024 * 1024;

    // ---- query ----------------------------------------------------------------------------
    // dryRun=All: the server validates and admits the change but does not persist it.
    bool dryRun = false;
    // fieldManager=…: the name under which managedFields record this write.
    QString fieldManager;
    // More query items, appended to any query the path already carries (e.g. labelSelector).
    QList<QPair<QString, QString>> query;

    // ---- time -----------------------------------------------------------------------------
    // An attempt that transfers nothing for this long fails with ErrorKind::Timeout. It bounds
    // stalls, not the duration of a large but moving download.
    std::chrono::milliseconds timeout{15000};

    // ---- retries --------------------------------------------------------------------------
    // Attempts in total, the first one included; 1 disables retries. Retried are connection
    // failures, timeouts and 5xx answers for idempotent requests, and 429 for any request
    // (the server did not run it). A 401 is retried once more after refreshing credentials,
    // outside this count.
    int maxAttempts = 4;
    // GET, PUT and DELETE are idempotent; POST and PATCH are retried only when the caller
    // vouches that running them twice is harmless (a dry run, a SelfSubjectAccessReview, a
    // patch that sets absolute values).
    bool idempotent = false;
    // 0.2 s, 0.4 s, 0.8 s: three retries fit in the time a person waits for a click to work.
    base::BackoffPolicy backoff{std::chrono::milliseconds{200}, 2.0,
                                std::chrono::milliseconds{5000}, 0.2};
    // A Retry-After longer than this is shortened to it: the console must stay responsive,
    // and the attempt count still bounds how often an overloaded server is asked.
    std::chrono::seconds maxRetryAfter{30};

    // ---- size -----------------------------------------------------------------------------
    // The largest answer accepted, in bytes (after decompression); 0: the call's default
    // (kListLimitBytes for raw GETs, kObjectLimitBytes for JSON calls). Exceeding it aborts
    // the transfer with ErrorKind::Unsupported.
    qint64 maxResponseBytes = 0;
};

}  // namespace scaledeck::kube
