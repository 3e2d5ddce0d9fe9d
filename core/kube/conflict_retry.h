// ConflictRetry: a write that survives concurrent writers, the way client-go's RetryOnConflict
// does. It reads the object, lets the caller's mutation compute the change from what it read,
// and writes it (PUT of the whole object, or a merge / strategic-merge PATCH) carrying the
// resourceVersion it read, so the server rejects it with 409 Conflict if anyone wrote in
// between. On such a 409 it reads again, re-applies the mutation to the fresh object and tries
// again, at most `maxAttempts` writes in total, with a short jittered pause between rounds.
//
// What is never retried: any error other than a plain 409 Conflict (422 Invalid, 403, 404…),
// the mutation's own error, and a failed precondition. A caller that planned a change against
// a specific version or object pins it (expectedResourceVersion / expectedUid): then a
// different version or UID on read, or any 409 on write, ends the operation with a
// non-retriable Conflict — the plan must be reviewed again, not silently re-applied.
//
// Runs on the client's thread; the mutation and the callback run there too. The returned
// handle cancels the whole loop; nothing runs after the client is destroyed.
#pragma once

#include <QJsonObject>
#include <QString>
#include <functional>
#include <optional>

#include "base/backoff.h"
#include "base/result.h"
#include "kube/api_client.h"
#include "kube/request_options.h"

namespace scaledeck::kube {

struct ConflictRetryOptions {
    // Writes in total; client-go's DefaultRetry allows 5.
    int maxAttempts = 5;
    // Unset: PUT the object the mutation returns. Merge or StrategicMerge: PATCH with the
    // document the mutation returns (JSON patches carry their own `test` operations and are
    // refused here).
    std::optional<PatchType> patchType;
    // Preconditions: empty means "whatever the server has now".
    QString expectedResourceVersion;
    QString expectedUid;
    // Query options and limits of the writes (dryRun, fieldManager); reads use its timeouts.
    RequestOptions request;
    // A conflict means someone else just wrote: a short pause is enough, jitter separates
    // two ScaleDeck windows fighting over the same object.
    base::BackoffPolicy backoff{std::chrono::milliseconds{20}, 2.0, std::chrono::milliseconds{1000},
                                0.5};
};

class ConflictRetry {
public:
    // Computes what to write from the object as the server has it now: the whole new object
    // (PUT) or a patch document (PATCH). An error stops the loop and becomes the result.
    using Mutation = std::function<base::Result<QJsonObject>(const QJsonObject& current)>;

    // `path` is the object's URL path (a subresource such as ".../scale" works too). The
    // callback gets the server's answer to the successful write, or the error that ended it.
    static RequestHandle update(ApiClient& client, const QString& path, Mutation mutate,
                                ApiClient::JsonCallback done, ConflictRetryOptions options = {});
};

}  // namespace scaledeck::kube
