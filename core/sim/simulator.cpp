#include "sim/simulator.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "sim/access_control.h"
#include "sim/admission.h"
#include "sim/cert_authority.h"
#include "sim/controller_manager.h"
#include "sim/fault_injector.h"
#include "sim/kubeconfig_writer.h"
#include "sim/metrics_source.h"
#include "sim/object_store.h"
#include "sim/resource_registry.h"
#include "sim/scale_generator.h"
#include "sim/scenario.h"
#include "sim/sim_clock.h"

namespace scaledeck::sim {

namespace {

constexpr double kWarmUpSeconds = 60;  // the demo cluster starts settled: pods Ready, HPA synced

base::UnixMillis wallNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string defaultKubeconfigPath() {
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    const std::string dir = runtime && *runtime ? runtime : "/tmp";
    return dir + "/scaledeck-sim-" + std::to_string(::getpid()) + "/kubeconfig";
}

}  // namespace

base::Status parseScaleSpec(const std::string& spec, SimulatorOptions& options) {
    const auto colon = spec.find(':');
    char* end = nullptr;
    const auto pods = std::strtoull(spec.c_str(), &end, 10);
    if (colon == std::string::npos || end != spec.c_str() + colon) {
        return base::Error::invalid("--scale " + spec + ": expected PODS:NODES, for example 10000:500");
    }
    const auto nodes = std::strtoull(spec.c_str() + colon + 1, &end, 10);
    if (*end != '\0' || nodes == 0 || pods > 1000000 || nodes > 20000) {
        return base::Error::invalid("--scale " + spec +
                                    ": PODS must be at most 1000000 and NODES between 1 and 20000");
    }
    options.scalePods = pods;
    options.scaleNodes = nodes;
    return {};
}

class Simulator::Impl final : public SimControl {
public:
    SimulatorOptions options;
    Scenario scenario;
    SimClock clock;
    std::unique_ptr<ObjectStore> store;
    MetricsSource metrics;
    std::unique_ptr<AccessControl> access;
    std::unique_ptr<FaultInjector> faults;
    std::unique_ptr<ControllerManager> controllers;
    std::unique_ptr<ApiServer> server;
    std::string kubeconfigPath;
    std::string adminToken;
    std::string caPem;
    std::thread loop;
    std::atomic<bool> running{false};
    base::UnixMillis wallStart = 0;
    base::UnixMillis simStartAtWall = 0;

    base::Status loadObjects() {
        for (std::size_t i = 0; i < scenario.objects.size(); ++i) {
            nlohmann::json obj = scenario.objects[i];
            const std::string apiVersion = obj.value("apiVersion", "");
            const std::string group = apiVersion.find('/') == std::string::npos ? "" : apiVersion.substr(0, apiVersion.find('/'));
            const ResourceInfo* r = ResourceRegistry::instance().byKind(group, obj.value("kind", ""));
            const std::string where = scenario.name + ": objects[" + std::to_string(i) + "] (" +
                                      obj.value("kind", "?") + " " + obj["metadata"].value("name", "?") + ")";
            if (!r || r->virtualResource) return base::Error::invalid(where + ": kind is not served by the simulator");
            const ResourceInfo* storage = ResourceRegistry::instance().byStorage(r->storage);
            if (auto err = Admission::admit(*storage, obj, false)) {
                return base::Error::invalid(where + ": " + err->message);
            }
            auto res = store->create(*storage, std::move(obj));
            if (auto* e = std::get_if<ApiError>(&res)) return base::Error::invalid(where + ": " + e->message);
        }
        return {};
    }

    void stepTo(base::UnixMillis target) {
        while (clock.now() + 1000 <= target) {
            clock.setNow(clock.now() + 1000);
            controllers->step(clock.now(), 1.0);
        }
    }

    void runLoop() {
        while (running) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            auto lock = store->lock();
            if (clock.mode() != SimClock::Mode::Manual) {
                const double elapsed = static_cast<double>(wallNowMs() - wallStart) * clock.speed();
                stepTo(simStartAtWall + static_cast<base::UnixMillis>(elapsed));
            }
            if (controllers->hasPendingWork()) controllers->reconcile(clock.now());
        }
    }

    nlohmann::json clockJson() const {
        return {{"now", base::formatRfc3339(clock.now())},
                {"nowUnixMillis", clock.now()},
                {"mode", clock.describe()},
                {"speed", clock.speed()},
                {"start", base::formatRfc3339(clock.start())}};
    }

    void advance(double seconds) {
        auto lock = store->lock();
        const auto target = clock.now() + static_cast<base::UnixMillis>(seconds * 1000);
        stepTo(target);
        // Real and scaled clocks keep running from the new instant.
        simStartAtWall += static_cast<base::UnixMillis>(seconds * 1000);
    }

    std::pair<int, nlohmann::json> handleControl(const std::string& method, const std::string& path,
                                                 const nlohmann::json& body) override {
        auto bad = [](const std::string& msg) {
            return std::pair<int, nlohmann::json>{400, {{"error", msg}}};
        };
        if (path == "/sim/v1/clock" && method == "GET") {
            auto lock = store->lock();
            return {200, clockJson()};
        }
        if (path == "/sim/v1/clock/advance" && method == "POST") {
            if (!body.contains("seconds") || !body["seconds"].is_number()) return bad("send {\"seconds\": N}");
            const double s = body["seconds"].get<double>();
            if (!(s > 0) || s > 7 * 86400) return bad("seconds must be between 0 and 604800 (one week)");
            advance(s);
            auto lock = store->lock();
            return {200, clockJson()};
        }
        if (path == "/sim/v1/load") {
            auto lock = store->lock();
            if (method == "GET") return {200, controllers->usage().describe()};
            if (method == "PUT") {
                const std::string ns = body.value("namespace", "");
                const std::string name = body.value("name", "");
                if (ns.empty() || name.empty()) return bad("send {\"namespace\":..., \"name\":..., \"rate\":{...}}");
                auto st = controllers->usage().setLoad(body.value("kind", "Deployment"), ns, name, body);
                if (!st.ok()) return bad(st.error().message);
                return {200, controllers->usage().describe()};
            }
        }
        if (path == "/sim/v1/faults") {
            if (method == "GET") return {200, faults->describe()};
            if (method == "DELETE") {
                faults->clear();
                return {200, faults->describe()};
            }
            if (method == "POST") {
                FaultRule rule;
                rule.pathPrefix = body.value("pathPrefix", "");
                rule.latencyMs = body.value("latencyMs", 0);
                rule.errorRate = body.value("errorRate", 0.0);
                rule.errorStatus = body.value("errorStatus", 500);
                rule.retryAfterSeconds = body.value("retryAfterSeconds", 1);
                rule.remaining = body.value("count", -1);
                if (rule.errorStatus != 500 && rule.errorStatus != 503 && rule.errorStatus != 429) {
                    return bad("errorStatus must be 500, 503 or 429");
                }
                if (rule.errorRate < 0 || rule.errorRate > 1) return bad("errorRate must be between 0 and 1");
                if (rule.latencyMs < 0 || rule.latencyMs > 60000) return bad("latencyMs must be between 0 and 60000");
                faults->addRule(rule);
                return {200, faults->describe()};
            }
        }
        if (path == "/sim/v1/watches/close" && method == "POST") {
            faults->closeAllWatches();
            auto lock = store->lock();
            store->wakeAll();
            return {200, {{"closed", true}}};
        }
        if (path == "/sim/v1/watches/expire-next" && method == "POST") {
            faults->expireNextWatch();
            return {200, {{"expireNextWatch", true}}};
        }
        const std::string nodesPrefix = "/sim/v1/nodes/";
        if (path.rfind(nodesPrefix, 0) == 0 && method == "POST") {
            const std::string rest = path.substr(nodesPrefix.size());
            const auto slash = rest.find('/');
            if (slash == std::string::npos) return bad("use /sim/v1/nodes/NAME/not-ready or /ready");
            const std::string node = rest.substr(0, slash);
            const std::string action = rest.substr(slash + 1);
            if (action != "not-ready" && action != "ready") return bad("use /sim/v1/nodes/NAME/not-ready or /ready");
            auto lock = store->lock();
            auto n = store->get("core/nodes", "", node);
            if (!n) return {404, {{"error", "node \"" + node + "\" not found"}}};
            auto obj = n->parse();
            const bool ready = action == "ready";
            const std::string ts = base::formatRfc3339(clock.now());
            for (auto& c : obj["status"]["conditions"]) {
                if (c.value("type", "") != "Ready") continue;
                if (c.value("status", "") != (ready ? "True" : "Unknown")) c["lastTransitionTime"] = ts;
                c["status"] = ready ? "True" : "Unknown";
                c["reason"] = ready ? "KubeletReady" : "NodeStatusUnknown";
                c["message"] = ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.";
            }
            (void)store->update(*ResourceRegistry::instance().byStorage("core/nodes"), obj, false);
            return {200, {{"node", node}, {"ready", ready}}};
        }
        if (path == "/sim/v1/hpa" && method == "GET") {
            auto lock = store->lock();
            nlohmann::json out = nlohmann::json::object();
            for (const auto& [key, ex] : controllers->hpa().explanations()) out[key] = ex;
            return {200, out};
        }
        return {404, {{"error", "unknown control endpoint " + method + " " + path +
                                    "; see GET /sim/v1/clock, POST /sim/v1/clock/advance, PUT /sim/v1/load, "
                                    "POST|DELETE /sim/v1/faults, POST /sim/v1/watches/close, "
                                    "POST /sim/v1/watches/expire-next, POST /sim/v1/nodes/NAME/not-ready"}}};
    }

    std::string prometheusText() override {
        auto lock = store->lock();
        return controllers->usage().prometheusText();
    }
};

Simulator::Simulator(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

Simulator::~Simulator() { stop(); }

base::Result<std::unique_ptr<Simulator>> Simulator::start(const SimulatorOptions& options) {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    const std::string scenarioPath = options.scenarioPath.empty() ? bundledScenarioPath() : options.scenarioPath;
    auto scenario = loadScenarioFile(scenarioPath);
    if (!scenario.ok()) return scenario.error();
    impl->scenario = std::move(scenario.value());

    const base::UnixMillis wall = wallNowMs() / 1000 * 1000;
    auto clock = SimClock::fromSpec(options.clock, wall - static_cast<base::UnixMillis>(kWarmUpSeconds * 1000));
    if (!clock.ok()) return clock.error();
    impl->clock = clock.value();
    Impl* raw = impl.get();
    impl->store = std::make_unique<ObjectStore>([raw] { return raw->clock.now(); }, options.seed,
                                                options.historyLimit);
    impl->access = std::make_unique<AccessControl>(impl->scenario.users);
    impl->faults = std::make_unique<FaultInjector>(options.seed);
    impl->controllers = std::make_unique<ControllerManager>(*impl->store, impl->metrics, impl->scenario, options.seed);

    {
        auto lock = impl->store->lock();
        impl->controllers->reconcile(impl->clock.now());
        if (auto st = impl->loadObjects(); !st.ok()) return st.error();
        if (auto st = generateScaleCluster(*impl->store, options.scalePods, options.scaleNodes, impl->clock.now()); !st.ok()) {
            return st.error();
        }
        impl->controllers->reconcile(impl->clock.now());
        impl->stepTo(wall);
    }
    impl->wallStart = wallNowMs();
    impl->simStartAtWall = impl->clock.now();

    for (const auto& u : impl->scenario.users) {
        if (u.simAdmin && !u.token.empty() && impl->adminToken.empty()) impl->adminToken = u.token;
    }

    TlsMaterial tls;
    KubeconfigSpec kc;
    if (options.tls) {
        auto ca = CertAuthority::create();
        if (!ca.ok()) return ca.error();
        auto serverCert = ca->issueServerCertificate({"localhost"}, {"127.0.0.1", "::1"});
        if (!serverCert.ok()) return serverCert.error();
        tls.certificatePem = serverCert->certificatePem;
        tls.privateKeyPem = serverCert->privateKeyPem;
        tls.clientCaPem = ca->certificatePem();
        impl->caPem = ca->certificatePem();
        kc.caPem = impl->caPem;
        for (const auto& u : impl->scenario.users) {
            KubeconfigUser ku;
            ku.name = u.name;
            ku.token = u.token;
            if (u.clientCertificate) {
                auto cert = ca->issueClientCertificate(u.name, u.groups);
                if (!cert.ok()) return cert.error();
                // The certificate user is written separately so both login kinds are exercised.
                KubeconfigUser certUser;
                certUser.name = u.name + "-cert";
                certUser.clientCertificatePem = cert->certificatePem;
                certUser.clientKeyPem = cert->privateKeyPem;
                kc.users.push_back(certUser);
            }
            kc.users.push_back(ku);
        }
    } else {
        for (const auto& u : impl->scenario.users) {
            KubeconfigUser ku;
            ku.name = u.name;
            ku.token = u.token;
            if (!u.token.empty()) kc.users.push_back(ku);
        }
    }
    impl->server = std::make_unique<ApiServer>(ApiServerContext{*impl->store, impl->clock, *impl->access,
                                                                *impl->faults, impl->metrics, *impl});
    auto port = impl->server->start(options.host, options.port, options.tls ? &tls : nullptr);
    if (!port.ok()) return port.error();

    const std::string hostForUrl = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
    kc.server = std::string(options.tls ? "https://" : "http://") + hostForUrl + ":" + std::to_string(port.value());
    for (const auto& u : impl->scenario.users) {
        if (u.simAdmin && !u.token.empty()) {
            kc.defaultUser = u.name;
            break;
        }
    }
    kc.defaultNamespace = "greenlang";
    for (const auto& o : impl->scenario.objects) {
        if (o.value("kind", "") == "Deployment") {
            kc.defaultNamespace = o["metadata"].value("namespace", "default");
            break;
        }
    }
    impl->kubeconfigPath = options.kubeconfigOut.empty() ? defaultKubeconfigPath() : options.kubeconfigOut;
    if (auto st = writeKubeconfig(impl->kubeconfigPath, kc); !st.ok()) return st.error();

    impl->running = true;
    impl->loop = std::thread([raw] { raw->runLoop(); });
    return std::unique_ptr<Simulator>(new Simulator(std::move(impl)));
}

int Simulator::port() const { return m_impl->server ? m_impl->server->port() : 0; }

std::string Simulator::serverUrl() const {
    return std::string(m_impl->options.tls ? "https://" : "http://") + m_impl->options.host + ":" + std::to_string(port());
}

const std::string& Simulator::kubeconfigPath() const { return m_impl->kubeconfigPath; }
const std::string& Simulator::adminToken() const { return m_impl->adminToken; }
const std::string& Simulator::caPem() const { return m_impl->caPem; }

std::string Simulator::tokenFor(const std::string& user) const {
    const auto* u = m_impl->access->user(user);
    return u ? u->token : std::string();
}

void Simulator::advance(double seconds) { m_impl->advance(seconds); }

void Simulator::stop() {
    if (!m_impl) return;
    m_impl->running = false;
    if (m_impl->loop.joinable()) m_impl->loop.join();
    if (m_impl->server) m_impl->server->stop();
}

}  // namespace scaledeck::sim
