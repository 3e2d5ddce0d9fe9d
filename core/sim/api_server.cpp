#include "sim/api_server.h"

#include <httplib.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <optional>

#include "sim/access_control.h"
#include "sim/admission.h"
#include "sim/api_error.h"
#include "sim/api_path.h"
#include "sim/discovery.h"
#include "sim/fault_injector.h"
#include "sim/field_selector.h"
#include "sim/label_selector.h"
#include "sim/metrics_source.h"
#include "sim/object_store.h"
#include "sim/object_views.h"
#include "sim/openapi_documents.h"
#include "sim/patch_apply.h"
#include "sim/resource_registry.h"
#include "sim/response_encoding.h"
#include "sim/sim_clock.h"
#include "sim/table_printer.h"

namespace scaledeck::sim {

using httplib::Request;
using httplib::Response;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxBodyBytes = 3 * 1024 * 1024;  // kube-apiserver's request size limit
constexpr const char* kJson = "application/json";
constexpr const char* kTableType = "application/json;as=Table;v=v1;g=meta.k8s.io";

std::string hexEncode(const std::string& s) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : s) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::optional<std::string> hexDecode(const std::string& s) {
    if (s.size() % 2) return std::nullopt;
    std::string out;
    auto val = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < s.size(); i += 2) {
        const int hi = val(s[i]);
        const int lo = val(s[i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

std::string param(const Request& req, const char* name) {
    return req.has_param(name) ? req.get_param_value(name) : std::string();
}

bool boolParam(const Request& req, const char* name) {
    return parseGoBool(param(req, name)).value_or(false);
}

std::map<std::string, std::string> labelMap(const StoredObject& o) {
    return {o.labels.begin(), o.labels.end()};
}

struct Filters {
    std::string namespaceName;
    std::optional<LabelSelector> labels;
    std::optional<FieldSelector> fields;

    bool matches(const StoredObject& o) const {
        if (!namespaceName.empty() && o.namespaceName != namespaceName) return false;
        if (labels && !labels->empty() && !labels->matches(labelMap(o))) return false;
        if (fields) return fields->matches(o.parse());
        return true;
    }
};

}  // namespace

class ApiServer::Impl {
public:
    explicit Impl(ApiServerContext c) : ctx(c) {}

    ApiServerContext ctx;
    std::string serverAddress;
    std::atomic<bool> stopping{false};

    // ---- plumbing -------------------------------------------------------------------------

    static void sendJson(Response& res, int code, const json& body, const char* type = kJson) {
        res.status = code;
        res.set_content(body.dump(), type);
    }

    // httplib compresses (with slow brotli, when offered) before any post-routing handler runs,
    // so our encoding has to be applied inside each handler, on the way out.
    template <class Handler>
    static auto encoded(Handler handler) {
        return [handler = std::move(handler)](const Request& req, Response& res) {
            handler(req, res);
            ResponseEncoding::apply(req, res);
        };
    }

    static void sendError(Response& res, const ApiError& e) {
        if (e.retryAfterSeconds > 0) res.set_header("Retry-After", std::to_string(e.retryAfterSeconds));
        sendJson(res, e.code, e.toStatus());
    }

    static bool wantsTable(const Request& req) {
        return req.get_header_value("Accept").find("as=Table") != std::string::npos;
    }

    const SimUser* authenticate(const Request& req) const {
        const std::string auth = req.get_header_value("Authorization");
        if (auth.rfind("Bearer ", 0) == 0) return ctx.access.userForToken(auth.substr(7));
        if (!auth.empty()) return nullptr;
        if (req.ssl) {
            auto* ssl = const_cast<SSL*>(req.ssl);
            X509* cert = SSL_get1_peer_certificate(ssl);
            if (!cert) return nullptr;
            const SimUser* user = nullptr;
            if (SSL_get_verify_result(ssl) == X509_V_OK) {
                char cn[256] = {};
                X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
                user = ctx.access.userForCertificate(cn);
            }
            X509_free(cert);
            return user;
        }
        return nullptr;
    }

    base::UnixMillis now() const { return ctx.clock.now(); }

    // ---- discovery and other non-resource endpoints ---------------------------------------

    void install(httplib::Server& s) {
        s.set_pre_routing_handler([this](const Request& req, Response& res) {
            res.set_header("Cache-Control", "no-cache, private");
            if (req.path.rfind("/sim/", 0) == 0 || req.path == "/metrics") {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            auto d = ctx.faults.decide(req.path);
            if (d.latencyMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(d.latencyMs));
            if (d.error) {
                const int code = d.error->errorStatus;
                ApiError e = code == 429 ? ApiError::tooManyRequests(
                                               "the server has received too many requests and has "
                                               "asked us to try again later",
                                               d.error->retryAfterSeconds)
                             : code == 503 ? ApiError::serviceUnavailable(
                                                 "the server is currently unable to handle the "
                                                 "request",
                                                 d.error->retryAfterSeconds)
                                           : ApiError::internal("injected fault");
                e.code = code;
                sendError(res, e);
                // Answered before the body was read: on a kept-alive connection the unread body
                // would be parsed as the next request, so this connection ends here.
                res.set_header("Connection", "close");
                ResponseEncoding::apply(req, res);
                return httplib::Server::HandlerResponse::Handled;
            }
            return httplib::Server::HandlerResponse::Unhandled;
        });

        s.Get("/version", encoded([](const Request&, Response& res) { sendJson(res, 200, versionInfo()); }));
        for (const char* p : {"/healthz", "/livez", "/readyz"}) {
            s.Get(p, encoded([](const Request&, Response& res) { res.set_content("ok", "text/plain"); }));
        }
        s.Get("/metrics", encoded([this](const Request&, Response& res) {
            res.set_content(ctx.control.prometheusText(), "text/plain; version=0.0.4; charset=utf-8");
        }));
        s.Get("/api", encoded([this](const Request& req, Response& res) {
            if (!requireUser(req, res)) return;
            sendJson(res, 200, coreApiVersions(serverAddress));
        }));
        s.Get("/apis", encoded([this](const Request& req, Response& res) {
            if (!requireUser(req, res)) return;
            sendJson(res, 200, apiGroupList());
        }));
        s.Get("/openapi/v3", encoded([this](const Request& req, Response& res) {
            if (!requireUser(req, res)) return;
            std::vector<std::string> paths;
            for (const auto& gv : ResourceRegistry::instance().groupVersions()) {
                if (gv.find("metrics.k8s.io") != std::string::npos) continue;
                paths.push_back(gv.find('/') == std::string::npos ? "api/" + gv : "apis/" + gv);
            }
            sendJson(res, 200, openApiV3Index(paths));
        }));
        s.Get(R"(/openapi/v3/(.+))", encoded([this](const Request& req, Response& res) {
            if (!requireUser(req, res)) return;
            auto doc = openApiV3Document(req.matches[1].str());
            if (!doc) return sendError(res, ApiError::notFoundPath(req.path));
            sendJson(res, 200, *doc);
        }));
        s.Get("/openapi/v2", encoded([](const Request& req, Response& res) {
            sendError(res, ApiError::notFoundPath(req.path));
        }));

        auto resourceHandler = [this](const char* method) {
            return [this, method](const Request& req, Response& res) { handle(method, req, res); };
        };
        for (const char* prefix : {R"(/api(/.*)?)", R"(/apis(/.*)?)"}) {
            s.Get(prefix, encoded(resourceHandler("GET")));
            s.Post(prefix, encoded(resourceHandler("POST")));
            s.Put(prefix, encoded(resourceHandler("PUT")));
            s.Patch(prefix, encoded(resourceHandler("PATCH")));
            s.Delete(prefix, encoded(resourceHandler("DELETE")));
        }
        auto control = [this](const char* method) {
            return [this, method](const Request& req, Response& res) { handleControl(method, req, res); };
        };
        s.Get(R"(/sim/v1/.*)", encoded(control("GET")));
        s.Post(R"(/sim/v1/.*)", encoded(control("POST")));
        s.Put(R"(/sim/v1/.*)", encoded(control("PUT")));
        s.Delete(R"(/sim/v1/.*)", encoded(control("DELETE")));
        s.set_error_handler([](const Request& req, Response& res) {
            if (res.body.empty()) {
                if (res.status == 404) {
                    sendJson(res, 404, ApiError::notFoundPath(req.path).toStatus());
                } else if (res.status == 413) {
                    sendJson(res, 413, ApiError::tooLarge(kMaxBodyBytes).toStatus());
                }
            }
            ResponseEncoding::apply(req, res);
        });
    }

    bool requireUser(const Request& req, Response& res) const {
        if (authenticate(req)) return true;
        sendError(res, ApiError::unauthorized());
        return false;
    }

    void handleControl(const char* method, const Request& req, Response& res) {
        const SimUser* user = authenticate(req);
        if (!user) return sendError(res, ApiError::unauthorized());
        if (!user->simAdmin) {
            return sendError(res, ApiError::forbidden("User \"" + user->name +
                                                      "\" may not use the simulator control API"));
        }
        json body = json::object();
        if (!req.body.empty()) {
            body = json::parse(req.body, nullptr, false);
            if (body.is_discarded()) return sendError(res, ApiError::badRequest("request body is not valid JSON"));
        }
        auto [code, out] = ctx.control.handleControl(method, req.path, body);
        sendJson(res, code, out);
    }

    // ---- resources -----------------------------------------------------------------------

    void handle(const std::string& method, const Request& req, Response& res) {
        const SimUser* user = authenticate(req);
        if (!user) return sendError(res, ApiError::unauthorized());

        auto path = ApiPath::parse(req.path);
        if (!path) return handleDiscovery(req, res);
        const auto* served = ResourceRegistry::instance().find(path->group, path->version, path->resource);
        if (!served) return sendError(res, ApiError::notFoundPath(req.path));
        if (path->namespaced && !served->namespaced) return sendError(res, ApiError::notFoundPath(req.path));
        if (!path->subresource.empty() &&
            std::find(served->subresources.begin(), served->subresources.end(), path->subresource) ==
                served->subresources.end()) {
            return sendError(res, ApiError::notFoundPath(req.path));
        }

        std::string verb;
        if (method == "GET") {
            verb = !path->name.empty() ? "get" : boolParam(req, "watch") ? "watch" : "list";
        } else if (method == "POST") {
            verb = "create";
        } else if (method == "PUT") {
            verb = "update";
        } else if (method == "PATCH") {
            verb = "patch";
        } else {
            verb = path->name.empty() ? "deletecollection" : "delete";
        }

        ResourceAttributes attrs{verb, served->group, served->plural, path->subresource,
                                 path->namespaceName, path->name};
        if (!ctx.access.allowed(*user, attrs)) {
            return sendError(res, ApiError::forbidden(AccessControl::forbiddenMessage(
                                      *user, attrs, served->qualifiedName())));
        }
        if ((method == "POST" || method == "PUT" || method == "PATCH") && req.body.size() > kMaxBodyBytes) {
            return sendError(res, ApiError::tooLarge(kMaxBodyBytes));
        }

        if (served->group == "metrics.k8s.io") return handleMetrics(*served, *path, req, res);
        if (served->kind == "SelfSubjectAccessReview") return handleAccessReview(*user, req, res);
        if (served->kind == "SelfSubjectReview") return handleSelfReview(*user, res);

        if (verb == "get") {
            if (path->subresource == "log") return handleLog(*served, *path, res);
            return handleGet(*served, *path, req, res);
        }
        if (verb == "list") return handleList(*served, *path, req, res);
        if (verb == "watch") return handleWatch(*served, *path, req, res);
        if (verb == "create") {
            if (path->subresource == "eviction") return handleEviction(*path, req, res);
            if (!path->name.empty()) {
                return sendError(res, ApiError::methodNotAllowed("the server does not allow this method on the requested resource"));
            }
            return handleCreate(*served, *path, req, res);
        }
        if (verb == "update") return handleUpdate(*served, *path, req, res);
        if (verb == "patch") return handlePatch(*served, *path, req, res);
        if (verb == "delete") return handleDelete(*served, *path, req, res);
        return handleDeleteCollection(*served, *path, req, res);
    }

    void handleDiscovery(const Request& req, Response& res) {
        std::string p = req.path;
        while (p.size() > 1 && p.back() == '/') p.pop_back();
        std::string gv;
        if (p.rfind("/api/", 0) == 0) {
            gv = p.substr(5);
        } else if (p.rfind("/apis/", 0) == 0) {
            gv = p.substr(6);
        }
        if (auto doc = apiResourceList(gv)) return sendJson(res, 200, *doc);
        if (p == "/api") return sendJson(res, 200, coreApiVersions(serverAddress));
        if (p == "/apis") return sendJson(res, 200, apiGroupList());
        sendError(res, ApiError::notFoundPath(req.path));
    }

    const ResourceInfo& storageOf(const ResourceInfo& served) const {
        const auto* s = ResourceRegistry::instance().byStorage(served.storage);
        return s ? *s : served;
    }

    std::string servedJson(const ResourceInfo& served, const ObjectPtr& o) const {
        const auto& storage = storageOf(served);
        if (&storage == &served) return o->raw;
        return toServed(served, o->parse()).dump();
    }

    void sendObject(Response& res, int code, const ResourceInfo& served, const ObjectPtr& o,
                    const Request& req) {
        if (wantsTable(req)) {
            const json obj = o->parse();
            std::vector<const json*> objs{&obj};
            const json table = TablePrinter::table(storageOf(served).plural, objs, now(),
                                                   std::to_string(o->resourceVersion), "",
                                                   includeObject(req));
            return sendJson(res, code, table, kTableType);
        }
        res.status = code;
        res.set_content(servedJson(served, o), kJson);
    }

    static std::string includeObject(const Request& req) {
        const std::string v = param(req, "includeObject");
        return v.empty() ? "Metadata" : v;
    }

    std::optional<Filters> makeFilters(const ResourceInfo& served, const ApiPath& path,
                                       const Request& req, Response& res) {
        Filters f;
        f.namespaceName = path.namespaceName;
        const std::string ls = param(req, "labelSelector");
        if (!ls.empty()) {
            auto parsed = LabelSelector::parse(ls);
            if (!parsed.ok()) {
                sendError(res, ApiError::badRequest(parsed.error().message));
                return std::nullopt;
            }
            f.labels = std::move(parsed.value());
        }
        const std::string fs = param(req, "fieldSelector");
        if (!fs.empty()) {
            auto parsed = FieldSelector::parse(fs, storageOf(served).plural);
            if (!parsed.ok()) {
                sendError(res, ApiError::badRequest(parsed.error().message));
                return std::nullopt;
            }
            f.fields = std::move(parsed.value());
        }
        return f;
    }

    void handleGet(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        const auto& storage = storageOf(served);
        auto lock = ctx.store.lock();
        auto o = ctx.store.get(storage.storage, path.namespaceName, path.name);
        if (!o) return sendError(res, ApiError::notFound(served, path.name));
        if (path.subresource == "scale") {
            return sendJson(res, 200, scaleOf(o->parse()));
        }
        sendObject(res, 200, served, o, req);
    }

    void handleLog(const ResourceInfo& served, const ApiPath& path, Response& res) {
        auto lock = ctx.store.lock();
        auto o = ctx.store.get("core/pods", path.namespaceName, path.name);
        if (!o) return sendError(res, ApiError::notFound(served, path.name));
        res.set_content("scaledeck-sim: pod " + path.namespaceName + "/" + path.name +
                            " is simulated; it writes no log lines\n",
                        "text/plain");
    }

    void handleList(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        const auto& storage = storageOf(served);
        auto filters = makeFilters(served, path, req, res);
        if (!filters) return;
        std::size_t limit = 0;
        if (auto l = param(req, "limit"); !l.empty()) limit = static_cast<std::size_t>(std::max(0LL, std::atoll(l.c_str())));

        auto lock = ctx.store.lock();
        std::string startAfter;
        if (auto c = param(req, "continue"); !c.empty()) {
            auto decoded = hexDecode(c);
            const auto colon = decoded ? decoded->find('|') : std::string::npos;
            if (colon == std::string::npos) return sendError(res, ApiError::badRequest("continue key is not valid: illegal base64 data"));
            const std::uint64_t tokenRv = std::stoull(decoded->substr(0, colon));
            if (tokenRv < ctx.store.oldestWatchableVersion()) {
                return sendError(res, ApiError::expired(
                    "The provided continue parameter is too old to display a consistent list "
                    "result. You can start a new list without the continue parameter, or use the "
                    "continue token in this response to retrieve the remainder of the results."));
            }
            startAfter = decoded->substr(colon + 1);
        }
        const std::string rv = std::to_string(ctx.store.currentResourceVersion());
        // A field selector naming one object needs no scan.
        std::vector<ObjectPtr> candidates;
        if (filters->fields && filters->fields->exactName() && !path.namespaceName.empty()) {
            if (auto o = ctx.store.get(storage.storage, path.namespaceName, *filters->fields->exactName())) {
                if (startAfter.empty()) candidates.push_back(o);
            }
        } else {
            candidates = ctx.store.list(storage.storage, path.namespaceName, startAfter);
        }
        std::vector<ObjectPtr> items;
        std::string continueToken;
        std::size_t scanned = 0;
        for (const auto& o : candidates) {
            ++scanned;
            if (!filters->matches(*o)) continue;
            items.push_back(o);
            if (limit && items.size() >= limit) {
                if (scanned < candidates.size()) continueToken = hexEncode(rv + "|" + o->key());
                break;
            }
        }
        long long remaining = -1;
        if (!continueToken.empty() && !filters->labels && !filters->fields) {
            remaining = static_cast<long long>(candidates.size() - scanned);
        }

        if (wantsTable(req)) {
            std::vector<json> parsed;
            parsed.reserve(items.size());
            for (const auto& o : items) parsed.push_back(o->parse());
            lock.unlock();
            std::vector<const json*> ptrs;
            for (const auto& p : parsed) ptrs.push_back(&p);
            json table = TablePrinter::table(storage.plural, ptrs, now(), rv, continueToken, includeObject(req));
            if (remaining >= 0) table["metadata"]["remainingItemCount"] = remaining;
            return sendJson(res, 200, table, kTableType);
        }
        const bool isView = &storage != &served;
        std::string body;
        std::size_t total = 64;
        for (const auto& o : items) total += o->raw.size() + 1;
        body.reserve(total);
        body += R"({"kind":")" + served.kind + R"(List","apiVersion":")" + served.groupVersion() +
                R"(","metadata":{"resourceVersion":")" + rv + "\"";
        if (!continueToken.empty()) body += R"(,"continue":")" + continueToken + "\"";
        if (remaining >= 0) body += R"(,"remainingItemCount":)" + std::to_string(remaining);
        body += R"(},"items":[)";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i) body += ',';
            body += isView ? toServed(served, items[i]->parse()).dump() : items[i]->raw;
        }
        body += "]}";
        lock.unlock();
        res.status = 200;
        res.set_content(std::move(body), kJson);
    }

    // ---- watch ---------------------------------------------------------------------------

    struct WatchState {
        const ResourceInfo* served = nullptr;
        const ResourceInfo* storage = nullptr;
        Filters filters;
        bool table = false;
        bool sentColumns = false;
        bool bookmarks = false;
        bool initialPending = true;
        bool fromNow = false;  // resourceVersion unset or "0": synthetic ADDED first
        std::uint64_t rv = 0;
        std::uint64_t generation = 0;
        std::optional<std::chrono::steady_clock::time_point> deadline;
        std::chrono::steady_clock::time_point lastBookmark = std::chrono::steady_clock::now();
        bool finished = false;
        std::string includeObject;
    };

    std::string eventLine(WatchState& st, const char* type, const ObjectPtr& o) {
        std::string obj;
        if (st.table) {
            const json parsed = o->parse();
            std::vector<const json*> ptrs{&parsed};
            json t = TablePrinter::table(st.storage->plural, ptrs, now(),
                                         std::to_string(o->resourceVersion), "", st.includeObject,
                                         !st.sentColumns);
            st.sentColumns = true;
            obj = t.dump();
        } else {
            obj = servedJson(*st.served, o);
        }
        return std::string(R"({"type":")") + type + R"(","object":)" + obj + "}\n";
    }

    static std::string errorLine(const ApiError& e) {
        return R"({"type":"ERROR","object":)" + e.toStatus().dump() + "}\n";
    }

    // Translates one store event into at most one watch line for this watcher (selector
    // transitions turn MODIFIED into ADDED or DELETED, as the real server does).
    std::string translate(WatchState& st, const StoreEvent& ev) {
        if (ev.storage != st.storage->storage) return {};
        const bool now = st.filters.matches(*ev.object);
        const bool before = ev.previous && st.filters.matches(*ev.previous);
        switch (ev.type) {
            case StoreEvent::Type::Added:
                return now ? eventLine(st, "ADDED", ev.object) : std::string();
            case StoreEvent::Type::Deleted:
                return before ? eventLine(st, "DELETED", ev.object) : std::string();
            case StoreEvent::Type::Modified:
                if (now && before) return eventLine(st, "MODIFIED", ev.object);
                if (now) return eventLine(st, "ADDED", ev.object);
                if (before) return eventLine(st, "DELETED", ev.object);
                return {};
        }
        return {};
    }

    void handleWatch(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        auto st = std::make_shared<WatchState>();
        st->served = &served;
        st->storage = &storageOf(served);
        auto filters = makeFilters(served, path, req, res);
        if (!filters) return;
        st->filters = std::move(*filters);
        st->table = wantsTable(req);
        st->includeObject = includeObject(req);
        st->bookmarks = boolParam(req, "allowWatchBookmarks");
        const std::string rv = param(req, "resourceVersion");
        st->fromNow = rv.empty() || rv == "0";
        if (!st->fromNow) {
            char* end = nullptr;
            st->rv = std::strtoull(rv.c_str(), &end, 10);
            if (*end != '\0') return sendError(res, ApiError::badRequest("invalid resource version: " + rv));
        }
        if (auto t = param(req, "timeoutSeconds"); !t.empty()) {
            st->deadline = std::chrono::steady_clock::now() + std::chrono::seconds(std::atoll(t.c_str()));
        }
        st->generation = ctx.faults.watchGeneration();
        const bool forceExpire = ctx.faults.takeExpireNextWatch();

        res.status = 200;
        res.set_chunked_content_provider(
            st->table ? kTableType : kJson,
            [this, st, forceExpire](std::size_t, httplib::DataSink& sink) {
                return pumpWatch(*st, forceExpire, sink);
            });
    }

    bool pumpWatch(WatchState& st, bool forceExpire, httplib::DataSink& sink) {
        using clock = std::chrono::steady_clock;
        if (st.finished || stopping) {
            sink.done();
            return true;
        }
        std::string out;
        {
            auto lock = ctx.store.lock();
            if (st.initialPending) {
                st.initialPending = false;
                if (forceExpire || (!st.fromNow && st.rv < ctx.store.oldestWatchableVersion())) {
                    const auto current = ctx.store.currentResourceVersion();
                    out = errorLine(ApiError::expired("too old resource version: " + std::to_string(st.rv) +
                                                      " (" + std::to_string(current) + ")"));
                    st.finished = true;
                } else if (st.fromNow) {
                    st.rv = ctx.store.currentResourceVersion();
                    for (const auto& o : ctx.store.list(st.storage->storage, st.filters.namespaceName)) {
                        if (st.filters.matches(*o)) out += eventLine(st, "ADDED", o);
                    }
                }
            } else {
                auto wake = clock::now() + std::chrono::milliseconds(500);
                if (st.deadline && *st.deadline < wake) wake = *st.deadline;
                if (ctx.store.currentResourceVersion() <= st.rv) ctx.store.waitForEvent(lock, st.rv, wake);
                if (ctx.faults.watchGeneration() != st.generation || stopping) {
                    st.finished = true;
                } else if (st.rv < ctx.store.oldestWatchableVersion()) {
                    // This watcher fell behind the retained history.
                    out = errorLine(ApiError::expired("too old resource version: " + std::to_string(st.rv) +
                                                      " (" + std::to_string(ctx.store.currentResourceVersion()) + ")"));
                    st.finished = true;
                } else {
                    for (const auto& ev : ctx.store.eventsSince(st.rv, 2000)) {
                        st.rv = ev.resourceVersion;
                        out += translate(st, ev);
                    }
                    if (st.bookmarks && clock::now() - st.lastBookmark > std::chrono::seconds(10)) {
                        st.lastBookmark = clock::now();
                        st.rv = std::max(st.rv, ctx.store.currentResourceVersion());
                        out += R"({"type":"BOOKMARK","object":{"kind":")" + st.served->kind +
                               R"(","apiVersion":")" + st.served->groupVersion() +
                               R"(","metadata":{"resourceVersion":")" + std::to_string(st.rv) + "\"}}}\n";
                    }
                }
            }
        }
        if (!out.empty() && !sink.write(out.data(), out.size())) return false;
        if (st.deadline && clock::now() >= *st.deadline) st.finished = true;
        if (st.finished) {
            sink.done();
            return true;
        }
        return sink.is_writable();
    }

    // ---- writes --------------------------------------------------------------------------

    std::optional<json> parseBody(const Request& req, Response& res, const ResourceInfo& served) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded()) {
            sendError(res, ApiError::badRequest("the object provided is unrecognized or malformed: "
                                                "invalid character in JSON body; send a JSON " +
                                                served.kind + " object"));
            return std::nullopt;
        }
        if (!body.is_object()) {
            sendError(res, ApiError::badRequest("the body of the request must be a JSON object"));
            return std::nullopt;
        }
        if (body.contains("kind") && body["kind"] != served.kind) {
            sendError(res, ApiError::badRequest("the API version in the data (" +
                                                body.value("apiVersion", std::string()) + ", kind " +
                                                body.value("kind", std::string()) +
                                                ") does not match the expected API version (" +
                                                served.groupVersion() + ", kind " + served.kind + ")"));
            return std::nullopt;
        }
        if (!body.contains("metadata") || !body["metadata"].is_object()) body["metadata"] = json::object();
        return body;
    }

    static bool strict(const Request& req) { return param(req, "fieldValidation") == "Strict"; }
    static bool dryRun(const Request& req) { return param(req, "dryRun") == "All"; }

    // Runs the stored-form object through admission and writes it. `create` chooses create or
    // update; `checkVersion` enables the optimistic-concurrency precondition.
    void commitWrite(const ResourceInfo& served, json stored, bool create, bool checkVersion,
                     const Request& req, Response& res, bool strictFields) {
        const auto& storage = storageOf(served);
        if (auto err = Admission::admit(storage, stored, strictFields)) return sendError(res, *err);
        auto result = create ? ctx.store.create(storage, std::move(stored), dryRun(req))
                             : ctx.store.update(storage, std::move(stored), checkVersion, dryRun(req));
        if (auto* e = std::get_if<ApiError>(&result)) {
            // Errors name the resource as the client addressed it.
            ApiError out = *e;
            return sendError(res, out);
        }
        sendObject(res, create ? 201 : 200, served, std::get<ObjectPtr>(result), req);
    }

    void handleCreate(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        auto body = parseBody(req, res, served);
        if (!body) return;
        if (strict(req)) {
            if (auto err = Admission::checkStrict(served, *body)) return sendError(res, *err);
        }
        auto& meta = (*body)["metadata"];
        if (served.namespaced) {
            const std::string bodyNs = meta.value("namespace", "");
            if (!bodyNs.empty() && bodyNs != path.namespaceName) {
                return sendError(res, ApiError::badRequest(
                                          "the namespace of the provided object does not match the "
                                          "namespace sent on the request"));
            }
            if (path.namespaceName.empty()) return sendError(res, ApiError::notFoundPath(req.path));
            meta["namespace"] = path.namespaceName;
        }
        auto lock = ctx.store.lock();
        if (served.namespaced && !ctx.store.get("core/namespaces", "", path.namespaceName)) {
            return sendError(res, ApiError::notFound(*ResourceRegistry::instance().find("", "v1", "namespaces"),
                                                     path.namespaceName));
        }
        if (meta.value("name", "").empty() && meta.contains("generateName")) {
            static const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
            std::string suffix;
            for (int i = 0; i < 5; ++i) suffix.push_back(alphabet[ctx.store.random()() % 27]);
            meta["name"] = meta["generateName"].get<std::string>() + suffix;
        }
        json stored = toStorage(served, std::move(*body), nullptr);
        stored.erase("status");
        if (served.kind == "Event" || served.kind == "Node" || served.kind == "Pod") {
            // These carry status written by their creators (kubelets, recorders).
        }
        commitWrite(served, std::move(stored), true, false, req, res, strict(req));
    }

    bool isWorkloadScale(const ResourceInfo& served, const ApiPath& path) const {
        return path.subresource == "scale" && served.group == "apps";
    }

    // Applies a new replica count to a workload through its Scale view.
    void writeScale(const ResourceInfo& served, const ApiPath& path, const ObjectPtr& owner,
                    const json& newScale, bool checkVersion, const Request& req, Response& res) {
        const std::string sentRv = newScale.contains("metadata") ? newScale["metadata"].value("resourceVersion", "") : "";
        if (checkVersion && !sentRv.empty() && sentRv != std::to_string(owner->resourceVersion)) {
            return sendError(res, ApiError::conflict(served, path.name));
        }
        if (!newScale.contains("spec") || !newScale["spec"].contains("replicas") ||
            !newScale["spec"]["replicas"].is_number_integer()) {
            return sendError(res, ApiError::badRequest("Scale.spec.replicas must be an integer"));
        }
        const auto replicas = newScale["spec"]["replicas"].get<std::int64_t>();
        if (replicas < 0) {
            ApiError e = ApiError::invalid(served, path.name,
                                           {{"FieldValueInvalid",
                                             "Invalid value: " + std::to_string(replicas) +
                                                 ": must be greater than or equal to 0",
                                             "spec.replicas"}});
            e.message = "Scale.autoscaling \"" + path.name + "\" is invalid: spec.replicas: Invalid value: " +
                        std::to_string(replicas) + ": must be greater than or equal to 0";
            return sendError(res, e);
        }
        json obj = owner->parse();
        obj["spec"]["replicas"] = replicas;
        auto result = ctx.store.update(served, std::move(obj), false, dryRun(req));
        if (auto* e = std::get_if<ApiError>(&result)) return sendError(res, *e);
        sendJson(res, 200, scaleOf(std::get<ObjectPtr>(result)->parse()));
    }

    void handleUpdate(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        auto body = parseBody(req, res, path.subresource == "scale" ? scaleInfo() : served);
        if (!body) return;
        if (strict(req) && path.subresource.empty()) {
            if (auto err = Admission::checkStrict(served, *body)) return sendError(res, *err);
        }
        const auto& storage = storageOf(served);
        auto lock = ctx.store.lock();
        auto existing = ctx.store.get(storage.storage, path.namespaceName, path.name);
        if (!existing) return sendError(res, ApiError::notFound(served, path.name));
        if (isWorkloadScale(served, path)) return writeScale(served, path, existing, *body, true, req, res);
        if ((*body)["metadata"].value("name", path.name) != path.name) {
            return sendError(res, ApiError::badRequest("the name of the object (" +
                                                       (*body)["metadata"].value("name", "") +
                                                       ") does not match the name on the URL (" + path.name + ")"));
        }
        (*body)["metadata"]["name"] = path.name;
        const json current = existing->parse();
        json stored;
        if (path.subresource == "status") {
            stored = current;
            stored["status"] = toStorage(served, *body, &current).value("status", json::object());
            stored["metadata"]["resourceVersion"] = (*body)["metadata"].value("resourceVersion", "");
        } else {
            stored = toStorage(served, std::move(*body), &current);
            // Status is written only through /status.
            if (current.contains("status")) {
                stored["status"] = current["status"];
            } else {
                stored.erase("status");
            }
        }
        if (served.namespaced) stored["metadata"]["namespace"] = path.namespaceName;
        commitWrite(served, std::move(stored), false, true, req, res, strict(req));
    }

    static const ResourceInfo& scaleInfo() {
        static const ResourceInfo scale = [] {
            ResourceInfo r;
            r.group = "autoscaling";
            r.version = "v1";
            r.kind = "Scale";
            r.plural = "scale";
            return r;
        }();
        return scale;
    }

    void handlePatch(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        const auto type = patchTypeFromContentType(req.get_header_value("Content-Type"));
        if (!type || *type == PatchType::Apply) {
            return sendError(res, ApiError::unsupportedMediaType(req.get_header_value("Content-Type")));
        }
        json patch = json::parse(req.body, nullptr, false);
        if (patch.is_discarded()) {
            return sendError(res, ApiError::badRequest("error decoding patch: invalid JSON in the request body"));
        }
        const auto& storage = storageOf(served);
        auto lock = ctx.store.lock();
        auto existing = ctx.store.get(storage.storage, path.namespaceName, path.name);
        if (!existing) return sendError(res, ApiError::notFound(served, path.name));
        const json current = existing->parse();
        const json original = isWorkloadScale(served, path) ? scaleOf(current) : toServed(served, current);
        auto patched = applyPatch(*type, original, patch);
        if (!patched.ok()) return sendError(res, ApiError::badRequest(patched.error().message));
        json result = std::move(patched.value());
        if (!result.is_object()) return sendError(res, ApiError::badRequest("the patch must produce a JSON object"));
        if (isWorkloadScale(served, path)) return writeScale(served, path, existing, result, true, req, res);
        if (strict(req)) {
            if (auto err = Admission::checkStrict(served, result)) return sendError(res, *err);
        }
        if (!result.contains("metadata") || !result["metadata"].is_object()) result["metadata"] = json::object();
        result["metadata"]["name"] = path.name;
        if (served.namespaced) result["metadata"]["namespace"] = path.namespaceName;
        json stored;
        if (path.subresource == "status") {
            stored = current;
            stored["status"] = toStorage(served, result, &current).value("status", json::object());
            stored["metadata"]["resourceVersion"] = result["metadata"].value("resourceVersion", "");
        } else {
            stored = toStorage(served, std::move(result), &current);
            if (current.contains("status")) {
                stored["status"] = current["status"];
            } else {
                stored.erase("status");
            }
        }
        commitWrite(served, std::move(stored), false, true, req, res, strict(req));
    }

    void handleDelete(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        const auto& storage = storageOf(served);
        auto lock = ctx.store.lock();
        auto existing = ctx.store.get(storage.storage, path.namespaceName, path.name);
        if (!existing) return sendError(res, ApiError::notFound(served, path.name));
        if (!req.body.empty()) {
            json opts = json::parse(req.body, nullptr, false);
            if (opts.is_object() && opts.contains("preconditions")) {
                const auto& pre = opts["preconditions"];
                if (pre.contains("resourceVersion") &&
                    pre["resourceVersion"] != std::to_string(existing->resourceVersion)) {
                    return sendError(res, ApiError::conflict(served, path.name));
                }
            }
        }
        const std::string grace = param(req, "gracePeriodSeconds");
        if (storage.kind == "Pod" && grace != "0") {
            // Pods terminate gracefully: the kubelet (pod lifecycle controller) removes them.
            json obj = existing->parse();
            if (!obj["metadata"].contains("deletionTimestamp")) {
                obj["metadata"]["deletionTimestamp"] = base::formatRfc3339(now());
                obj["metadata"]["deletionGracePeriodSeconds"] = 30;
                auto r = ctx.store.update(storage, std::move(obj), false, dryRun(req));
                if (auto* e = std::get_if<ApiError>(&r)) return sendError(res, *e);
                // update() keeps an existing deletionTimestamp but must be allowed to set one.
                return sendObject(res, 200, served, std::get<ObjectPtr>(r), req);
            }
            return sendObject(res, 200, served, existing, req);
        }
        auto r = ctx.store.remove(storage, path.namespaceName, path.name, dryRun(req));
        if (auto* e = std::get_if<ApiError>(&r)) return sendError(res, *e);
        sendObject(res, 200, served, std::get<ObjectPtr>(r), req);
    }

    void handleDeleteCollection(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        const auto& storage = storageOf(served);
        auto filters = makeFilters(served, path, req, res);
        if (!filters) return;
        auto lock = ctx.store.lock();
        for (const auto& o : ctx.store.list(storage.storage, path.namespaceName)) {
            if (filters->matches(*o)) (void)ctx.store.remove(storage, o->namespaceName, o->name, dryRun(req));
        }
        sendJson(res, 200, {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()}, {"status", "Success"}});
    }

    // ---- special resources ---------------------------------------------------------------

    void handleEviction(const ApiPath& path, const Request& req, Response& res) {
        const auto& pods = *ResourceRegistry::instance().find("", "v1", "pods");
        auto lock = ctx.store.lock();
        auto pod = ctx.store.get("core/pods", path.namespaceName, path.name);
        if (!pod) return sendError(res, ApiError::notFound(pods, path.name));
        const auto podLabels = labelMap(*pod);
        const auto& pdbInfo = *ResourceRegistry::instance().find("policy", "v1", "poddisruptionbudgets");
        for (const auto& pdbPtr : ctx.store.list("policy/poddisruptionbudgets", path.namespaceName)) {
            json pdb = pdbPtr->parse();
            const auto sel = LabelSelector::fromJson(pdb["spec"].value("selector", json::object()));
            if (sel.empty() || !sel.matches(podLabels)) continue;
            const int allowed = pdb.contains("status") ? pdb["status"].value("disruptionsAllowed", 0) : 0;
            if (allowed <= 0) {
                ApiError e = ApiError::tooManyRequests(
                    "Cannot evict pod as it would violate the pod's disruption budget.", 0);
                e.details = {{"causes", {{{"reason", "DisruptionBudget"},
                                          {"message", "The disruption budget " + pdbPtr->name +
                                                          " needs " +
                                                          std::to_string(pdb["status"].value("desiredHealthy", 0)) +
                                                          " healthy pods and has " +
                                                          std::to_string(pdb["status"].value("currentHealthy", 0)) +
                                                          " currently"}}}}};
                return sendError(res, e);
            }
            if (!dryRun(req)) {
                pdb["status"]["disruptionsAllowed"] = allowed - 1;
                (void)ctx.store.update(pdbInfo, pdb, false);
            }
        }
        if (!dryRun(req)) {
            json obj = pod->parse();
            if (!obj["metadata"].contains("deletionTimestamp")) {
                obj["metadata"]["deletionTimestamp"] = base::formatRfc3339(now());
                obj["metadata"]["deletionGracePeriodSeconds"] = 30;
                (void)ctx.store.update(pods, std::move(obj), false);
            }
        }
        sendJson(res, 201, {{"kind", "Status"}, {"apiVersion", "v1"}, {"metadata", json::object()},
                            {"status", "Success"}, {"code", 201}});
    }

    void handleMetrics(const ResourceInfo& served, const ApiPath& path, const Request& req, Response& res) {
        std::optional<LabelSelector> ls;
        if (auto s = param(req, "labelSelector"); !s.empty()) {
            auto parsed = LabelSelector::parse(s);
            if (!parsed.ok()) return sendError(res, ApiError::badRequest(parsed.error().message));
            ls = std::move(parsed.value());
        }
        auto lock = ctx.store.lock();
        const bool pods = served.plural == "pods";
        const std::string listRv = std::to_string(ctx.store.currentResourceVersion());
        auto labelsOf = [](const json& labels) {
            std::map<std::string, std::string> m;
            if (labels.is_object()) {
                for (const auto& [k, v] : labels.items()) m[k] = v.is_string() ? v.get<std::string>() : v.dump();
            }
            return m;
        };
        if (!path.name.empty()) {
            if (pods) {
                const auto* s = ctx.metrics.pod(path.namespaceName, path.name);
                if (!s) return sendError(res, ApiError::notFound(served, path.name));
                return sendJson(res, 200, MetricsSource::podMetrics(*s));
            }
            auto it = ctx.metrics.nodes().find(path.name);
            if (it == ctx.metrics.nodes().end()) return sendError(res, ApiError::notFound(served, path.name));
            return sendJson(res, 200, MetricsSource::nodeMetrics(it->second));
        }
        json items = json::array();
        if (pods) {
            for (const auto& [key, s] : ctx.metrics.pods()) {
                if (!path.namespaceName.empty() && s.namespaceName != path.namespaceName) continue;
                if (ls && !ls->matches(labelsOf(s.labels))) continue;
                items.push_back(MetricsSource::podMetrics(s));
            }
        } else {
            for (const auto& [name, s] : ctx.metrics.nodes()) {
                if (ls && !ls->matches(labelsOf(s.labels))) continue;
                items.push_back(MetricsSource::nodeMetrics(s));
            }
        }
        sendJson(res, 200, {{"kind", pods ? "PodMetricsList" : "NodeMetricsList"},
                            {"apiVersion", "metrics.k8s.io/v1beta1"},
                            {"metadata", {{"resourceVersion", listRv}}},
                            {"items", items}});
    }

    void handleAccessReview(const SimUser& user, const Request& req, Response& res) {
        json body = json::parse(req.body, nullptr, false);
        if (body.is_discarded() || !body.is_object() || !body.contains("spec")) {
            return sendError(res, ApiError::badRequest("a SelfSubjectAccessReview needs spec.resourceAttributes or spec.nonResourceAttributes"));
        }
        const auto& spec = body["spec"];
        bool allowed = false;
        std::string reason;
        if (spec.contains("resourceAttributes")) {
            const auto& ra = spec["resourceAttributes"];
            ResourceAttributes a{ra.value("verb", ""), ra.value("group", ""), ra.value("resource", ""),
                                 ra.value("subresource", ""), ra.value("namespace", ""), ra.value("name", "")};
            allowed = ctx.access.allowed(user, a);
            reason = allowed ? "RBAC: allowed by the simulator's rules for user \"" + user.name + "\""
                             : "";
        } else if (spec.contains("nonResourceAttributes")) {
            allowed = true;
            reason = "non-resource URLs are readable by every authenticated user";
        } else {
            ApiError e = ApiError::invalid(*ResourceRegistry::instance().find("authorization.k8s.io", "v1", "selfsubjectaccessreviews"), "",
                                           {{"FieldValueRequired", "Required value: exactly one of nonResourceAttributes or resourceAttributes must be specified", "spec.resourceAttributes"}});
            return sendError(res, e);
        }
        body["apiVersion"] = "authorization.k8s.io/v1";
        body["kind"] = "SelfSubjectAccessReview";
        body["metadata"] = {{"creationTimestamp", nullptr}};
        body["status"] = {{"allowed", allowed}};
        if (!reason.empty()) body["status"]["reason"] = reason;
        sendJson(res, 201, body);
    }

    void handleSelfReview(const SimUser& user, Response& res) {
        json groups = user.groups;
        groups.push_back("system:authenticated");
        sendJson(res, 201, {{"kind", "SelfSubjectReview"},
                            {"apiVersion", "authentication.k8s.io/v1"},
                            {"metadata", {{"creationTimestamp", nullptr}}},
                            {"status", {{"userInfo", {{"username", user.name}, {"groups", groups}}}}}});
    }
};

ApiServer::ApiServer(ApiServerContext ctx) : m_impl(std::make_unique<Impl>(ctx)) {}

ApiServer::~ApiServer() { stop(); }

namespace {

int acceptAnyClientCert(int preverifyOk, X509_STORE_CTX*) {
    // Verification result is checked per request (SSL_get_verify_result); a client without a
    // certificate, or with a foreign one, may still log in with a bearer token.
    (void)preverifyOk;
    return 1;
}

}  // namespace

base::Result<int> ApiServer::start(const std::string& host, int port, const TlsMaterial* tls) {
    if (tls) {
        const TlsMaterial material = *tls;
        m_server = std::make_unique<httplib::SSLServer>([material](SSL_CTX& ctx) {
            BIO* certBio = BIO_new_mem_buf(material.certificatePem.data(), static_cast<int>(material.certificatePem.size()));
            X509* cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
            BIO_free(certBio);
            BIO* keyBio = BIO_new_mem_buf(material.privateKeyPem.data(), static_cast<int>(material.privateKeyPem.size()));
            EVP_PKEY* key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
            BIO_free(keyBio);
            if (!cert || !key) return false;
            SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
            const bool ok = SSL_CTX_use_certificate(&ctx, cert) == 1 && SSL_CTX_use_PrivateKey(&ctx, key) == 1;
            X509_free(cert);
            EVP_PKEY_free(key);
            if (!material.clientCaPem.empty()) {
                BIO* caBio = BIO_new_mem_buf(material.clientCaPem.data(), static_cast<int>(material.clientCaPem.size()));
                X509* ca = PEM_read_bio_X509(caBio, nullptr, nullptr, nullptr);
                BIO_free(caBio);
                if (ca) {
                    X509_STORE_add_cert(SSL_CTX_get_cert_store(&ctx), ca);
                    STACK_OF(X509_NAME)* names = sk_X509_NAME_new_null();
                    sk_X509_NAME_push(names, X509_NAME_dup(X509_get_subject_name(ca)));
                    SSL_CTX_set_client_CA_list(&ctx, names);
                    X509_free(ca);
                }
                SSL_CTX_set_verify(&ctx, SSL_VERIFY_PEER, acceptAnyClientCert);
            }
            return ok;
        });
    } else {
        m_server = std::make_unique<httplib::Server>();
    }
    if (!m_server->is_valid()) return base::Error::internal("could not set up the TLS server (bad certificate or key)");
    // Watches hold a thread each for as long as they stay open; kubectl fires ~8 discovery
    // requests at once. A generous pool keeps one slow client from starving the rest.
    m_server->new_task_queue = [] { return new httplib::ThreadPool(256); };
    m_server->set_payload_max_length(64 * 1024 * 1024);
    m_server->set_keep_alive_max_count(1000);
    // As Go's net/http (and so kube-apiserver) does: without it every answer on a kept-alive
    // connection waits ~40 ms for the client's delayed ACK, which dominated paged LISTs.
    m_server->set_tcp_nodelay(true);
    m_server->set_read_timeout(std::chrono::seconds(30));
    m_server->set_write_timeout(std::chrono::seconds(30));
    m_impl->install(*m_server);

    const int bound = port == 0 ? m_server->bind_to_any_port(host) : (m_server->bind_to_port(host, port) ? port : -1);
    if (bound <= 0) {
        return base::Error{base::ErrorKind::Network,
                           "could not listen on " + host + ":" + std::to_string(port) +
                               " (is the port in use? choose another with --port)",
                           0, false};
    }
    m_port = bound;
    m_impl->serverAddress = host + ":" + std::to_string(bound);
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    return bound;
}

void ApiServer::stop() {
    if (!m_server) return;
    m_impl->stopping = true;
    {
        auto lock = m_impl->ctx.store.lock();
        m_impl->ctx.store.wakeAll();
    }
    m_server->stop();
    if (m_thread.joinable()) m_thread.join();
    m_server.reset();
}

}  // namespace scaledeck::sim
