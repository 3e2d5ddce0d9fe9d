// ApiServer: the Kubernetes API over HTTP(S), as kube-apiserver 1.32 answers it for the
// requests in kube-api-contract.md: discovery, CRUD with resourceVersion semantics, three
// patch types, /scale and /status subresources, server-side Tables, watches, metrics.k8s.io,
// access reviews, OpenAPI v3, exact Status errors, and fault injection. cpp-httplib does the
// HTTP; this class maps requests onto the ObjectStore. The /sim/v1 control API and the
// Prometheus /metrics text are delegated to a SimControl.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace scaledeck::sim {

class ObjectStore;
class SimClock;
class AccessControl;
class FaultInjector;
class MetricsSource;
struct SimUser;

// What the simulator (not the API) does: its control API and workload metrics.
class SimControl {
public:
    virtual ~SimControl() = default;
    // Handles /sim/v1/...; returns an HTTP status and a JSON body.
    virtual std::pair<int, nlohmann::json> handleControl(const std::string& method,
                                                         const std::string& path,
                                                         const nlohmann::json& body) = 0;
    // Prometheus text exposition for /metrics.
    virtual std::string prometheusText() = 0;
};

struct ApiServerContext {
    ObjectStore& store;
    SimClock& clock;
    AccessControl& access;
    FaultInjector& faults;
    MetricsSource& metrics;
    SimControl& control;
};

struct TlsMaterial {
    std::string certificatePem;
    std::string privateKeyPem;
    std::string clientCaPem;  // client certificates must chain to this CA
};

class ApiServer {
public:
    explicit ApiServer(ApiServerContext ctx);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    // Binds host:port (0 = a free port) and serves on a background thread.
    base::Result<int> start(const std::string& host, int port, const TlsMaterial* tls);
    void stop();
    int port() const { return m_port; }

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
};

}  // namespace scaledeck::sim
