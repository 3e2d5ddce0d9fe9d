#include "kube/conflict_retry.h"

#include <QJsonDocument>
#include <QTimer>
#include <random>

namespace scaledeck::kube {

namespace {

QString metadataString(const QJsonObject& object, const char* field) {
    return object.value(QLatin1String("metadata"))
        .toObject()
        .value(QLatin1String(field))
        .toString();
}

// The path without its query, as a person would name the object in a message.
QString shownPath(const QString& path) {
    return path.section(QLatin1Char('?'), 0, 0);
}

base::Error preconditionFailed(const QString& message) {
    return base::Error{base::ErrorKind::Conflict, message.toStdString(), 409, false};
}

// One read-mutate-write loop; a child of the client, like every ApiOperation.
class ConflictRetryOperation final : public ApiOperation {
public:
    ConflictRetryOperation(ApiClient& client, QString path, ConflictRetry::Mutation mutate,
                           ApiClient::JsonCallback done, ConflictRetryOptions options)
        : ApiOperation(&client),
          m_client(client),
          m_path(std::move(path)),
          m_mutate(std::move(mutate)),
          m_done(std::move(done)),
          m_options(std::move(options)),
          m_backoff(m_options.backoff, std::random_device{}()) {
        m_options.maxAttempts = std::max(1, m_options.maxAttempts);
        m_pause.setSingleShot(true);
        connect(&m_pause, &QTimer::timeout, this, &ConflictRetryOperation::read);
    }

    void start() {
        if (m_options.patchType == PatchType::Json) {
            QMetaObject::invokeMethod(
                this,
                [this] {
                    complete(base::Error::invalid(
                        "a conflict-retried write is a PUT or a merge / strategic-merge patch; "
                        "a JSON patch guards itself with \"test\" operations"));
                },
                Qt::QueuedConnection);
            return;
        }
        read();
    }

private:
    void onCancel() override {
        m_pause.stop();
        m_inFlight.cancel();
    }

    void read() {
        if (isFinished())
            return;
        // A read takes none of the write's query options (dryRun, fieldManager).
        RequestOptions readOptions;
        readOptions.timeout = m_options.request.timeout;
        readOptions.maxAttempts = m_options.request.maxAttempts;
        readOptions.backoff = m_options.request.backoff;
        m_inFlight = m_client.getJson(
            m_path, [this](base::Result<QJsonDocument> current) { onRead(std::move(current)); },
            readOptions);
    }

    void onRead(base::Result<QJsonDocument> answer) {
        if (!answer.ok()) {
            complete(answer.error());
            return;
        }
        const QJsonObject current = answer->object();
        const QString version = metadataString(current, "resourceVersion");
        const QString uid = metadataString(current, "uid");
        if (!m_options.expectedUid.isEmpty() && !uid.isEmpty() && uid != m_options.expectedUid) {
            complete(preconditionFailed(
                QStringLiteral("%1 was deleted and created again since the change was planned "
                               "(UID %2, now %3); plan the change again")
                    .arg(shownPath(m_path), m_options.expectedUid, uid)));
            return;
        }
        if (!m_options.expectedResourceVersion.isEmpty() &&
            version != m_options.expectedResourceVersion) {
            complete(preconditionFailed(
                QStringLiteral("%1 changed since the change was planned (resourceVersion %2, "
                               "now %3); review the change again")
                    .arg(shownPath(m_path), m_options.expectedResourceVersion, version)));
            return;
        }

        ++m_attempts;
        base::Result<QJsonObject> wanted = m_mutate(current);
        if (isFinished())
            return;  // the mutation cancelled us
        if (!wanted.ok()) {
            complete(wanted.error());
            return;
        }
        QJsonObject body = std::move(wanted).value();
        QJsonObject metadata = body.value(QLatin1String("metadata")).toObject();
        // The version read is what makes the write conditional: a writer in between makes it
        // fail with 409 instead of being overwritten.
        metadata.insert(QLatin1String("resourceVersion"), version);
        if (!m_options.expectedUid.isEmpty())
            metadata.insert(QLatin1String("uid"), m_options.expectedUid);
        body.insert(QLatin1String("metadata"), metadata);
        const QByteArray bytes = QJsonDocument(body).toJson(QJsonDocument::Compact);
        auto onWritten = [this](base::Result<QJsonDocument> result) { onWrite(std::move(result)); };
        if (m_options.patchType) {
            m_inFlight = m_client.patchJson(m_path, *m_options.patchType, bytes,
                                            std::move(onWritten), m_options.request);
        } else {
            m_inFlight = m_client.putJson(m_path, bytes, std::move(onWritten), m_options.request);
        }
    }

    void onWrite(base::Result<QJsonDocument> result) {
        if (result.ok()) {
            complete(std::move(result));
            return;
        }
        base::Error error = result.error();
        if (error.kind != base::ErrorKind::Conflict || !error.retriable) {
            complete(std::move(error));
            return;
        }
        if (pinned()) {
            error.retriable = false;
            error.message = QStringLiteral(
                                "%1 changed since the change was planned; review the "
                                "change again (%2)")
                                .arg(shownPath(m_path), QString::fromStdString(error.message))
                                .toStdString();
            complete(std::move(error));
            return;
        }
        if (m_attempts >= m_options.maxAttempts) {
            error.message += QStringLiteral(
                                 " — gave up after %1 attempts; someone else keeps "
                                 "changing this object")
                                 .arg(m_attempts)
                                 .toStdString();
            complete(std::move(error));
            return;
        }
        m_pause.start(m_backoff.next());
    }

    bool pinned() const {
        return !m_options.expectedResourceVersion.isEmpty() || !m_options.expectedUid.isEmpty();
    }

    void complete(base::Result<QJsonDocument> result) {
        if (!finish())
            return;
        auto done = std::move(m_done);
        if (done)
            done(std::move(result));
    }

    ApiClient& m_client;
    QString m_path;
    ConflictRetry::Mutation m_mutate;
    ApiClient::JsonCallback m_done;
    ConflictRetryOptions m_options;
    base::Backoff m_backoff;
    QTimer m_pause;
    RequestHandle m_inFlight;
    int m_attempts = 0;
};

}  // namespace

RequestHandle ConflictRetry::update(ApiClient& client, const QString& path, Mutation mutate,
                                    ApiClient::JsonCallback done, ConflictRetryOptions options) {
    auto* operation = new ConflictRetryOperation(client, path, std::move(mutate), std::move(done),
                                                 std::move(options));
    operation->start();
    return RequestHandle(operation);
}

}  // namespace scaledeck::kube
