// InformerScope: which objects of a kind an informer follows — one namespace or all of them,
// optionally narrowed by a label selector and a field selector, passed to the server verbatim
// (it validates them; a rejected selector puts the informer in Failed with the server's
// message). Two views asking for the same kind and an equal scope share one informer, so the
// scope is a value with equality and a stable text key. Plain value; any thread.
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <string>

namespace scaledeck::cache {

struct InformerScope {
    std::string namespaceName;  // empty: all namespaces (and always for cluster-scoped kinds)
    std::string labelSelector;  // "app=gl-006-heatreclaim,tier!=cache"
    std::string fieldSelector;  // "spec.nodeName=worker-1"

    static InformerScope allNamespaces() { return {}; }
    static InformerScope inNamespace(std::string name) { return {std::move(name), {}, {}}; }

    // The selectors as query items for a LIST or WATCH request.
    QList<QPair<QString, QString>> query() const {
        QList<QPair<QString, QString>> items;
        if (!labelSelector.empty())
            items.append({QStringLiteral("labelSelector"), QString::fromStdString(labelSelector)});
        if (!fieldSelector.empty())
            items.append({QStringLiteral("fieldSelector"), QString::fromStdString(fieldSelector)});
        return items;
    }

    // "greenlang|app=x|" — unambiguous, since none of the parts may contain '|'.
    std::string key() const { return namespaceName + "|" + labelSelector + "|" + fieldSelector; }

    friend bool operator==(const InformerScope&, const InformerScope&) = default;
};

}  // namespace scaledeck::cache
