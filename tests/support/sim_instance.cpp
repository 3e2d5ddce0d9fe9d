#include "support/sim_instance.h"

#include <httplib.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "base/base64.h"

namespace scaledeck::test {

nlohmann::json HttpReply::json() const {
    return nlohmann::json::parse(body, nullptr, false);
}

std::unique_ptr<SimInstance> SimInstance::start(std::vector<std::string> args) {
    auto sim = std::unique_ptr<SimInstance>(new SimInstance());
    char tmpl[] = "/tmp/scaledeck-test-XXXXXX";
    sim->m_dir = mkdtemp(tmpl);
    sim->m_kubeconfig = sim->m_dir + "/kubeconfig";
    std::vector<std::string> argv = {SCALEDECK_SIM_BINARY, "--kubeconfig-out", sim->m_kubeconfig};
    argv.insert(argv.end(), args.begin(), args.end());
    sim->m_process = std::make_unique<BackgroundProcess>(argv, std::map<std::string, std::string>{});
    if (!sim->m_process->waitForOutput("kubeconfig:", std::chrono::seconds(60))) {
        auto r = sim->m_process->stop();
        throw std::runtime_error("scaledeck-sim did not start: " + r.err);
    }
    const std::string& out = sim->m_process->out();
    const auto at = out.find("://127.0.0.1:");
    sim->m_port = std::atoi(out.c_str() + at + 13);

    YAML::Node kc = YAML::LoadFile(sim->m_kubeconfig);
    for (const auto& u : kc["users"]) {
        if (u["user"]["token"]) sim->m_tokens[u["name"].as<std::string>()] = u["user"]["token"].as<std::string>();
    }
    const std::string caData = kc["clusters"][0]["cluster"]["certificate-authority-data"].as<std::string>("");
    if (!caData.empty()) {
        sim->m_caFile = sim->m_dir + "/ca.crt";
        std::ofstream(sim->m_caFile) << base::base64Decode(caData).value();
    }
    return sim;
}

SimInstance::~SimInstance() {
    stop();
    std::error_code ec;
    std::filesystem::remove_all(m_dir, ec);
}

int SimInstance::stop() {
    if (!m_process) return -1;
    auto r = m_process->stop();
    m_process.reset();
    return r.exitCode;
}

std::string SimInstance::token(const std::string& user) const {
    auto it = m_tokens.find(user);
    return it == m_tokens.end() ? std::string() : it->second;
}

HttpReply SimInstance::request(const std::string& method, const std::string& path, const std::string& body,
                               const std::string& contentType, const std::string& user,
                               const std::string& accept) const {
    std::unique_ptr<httplib::ClientImpl> cli;
    if (!m_caFile.empty()) {
        auto ssl = std::make_unique<httplib::SSLClient>("127.0.0.1", m_port);
        ssl->set_ca_cert_path(m_caFile.c_str());
        ssl->enable_server_certificate_verification(true);
        cli = std::move(ssl);
    } else {
        cli = std::make_unique<httplib::ClientImpl>("127.0.0.1", m_port);
    }
    cli->set_read_timeout(std::chrono::seconds(120));
    httplib::Request req;
    req.method = method;
    req.path = path;
    req.body = body;
    if (!user.empty()) req.headers.emplace("Authorization", "Bearer " + token(user));
    req.headers.emplace("Accept", accept);
    if (!body.empty()) req.headers.emplace("Content-Type", contentType);
    httplib::Response res;
    httplib::Error err = httplib::Error::Success;
    HttpReply reply;
    if (!cli->send(req, res, err)) return reply;
    reply.status = res.status;
    reply.body = res.body;
    reply.contentType = res.get_header_value("Content-Type");
    reply.retryAfter = res.get_header_value("Retry-After");
    return reply;
}

nlohmann::json SimInstance::get(const std::string& path, const std::string& user) const {
    return request("GET", path, {}, "application/json", user).json();
}

void SimInstance::advance(double seconds) const {
    auto r = request("POST", "/sim/v1/clock/advance", nlohmann::json{{"seconds", seconds}}.dump());
    if (r.status != 200) throw std::runtime_error("clock advance failed: " + r.body);
}

ProcessResult SimInstance::kubectl(const std::vector<std::string>& args, const std::string& input,
                                   const std::map<std::string, std::string>& env) const {
    std::vector<std::string> argv = {"kubectl"};
    argv.insert(argv.end(), args.begin(), args.end());
    std::map<std::string, std::string> e = {{"KUBECONFIG", m_kubeconfig},
                                            {"KUBECACHEDIR", m_dir + "/kubecache"},
                                            {"HOME", m_dir}};
    for (const auto& [k, v] : env) e[k] = v;
    return runProcess(argv, e, input, std::chrono::seconds(90));
}

std::unique_ptr<BackgroundProcess> SimInstance::kubectlBackground(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {"kubectl"};
    argv.insert(argv.end(), args.begin(), args.end());
    return std::make_unique<BackgroundProcess>(
        argv, std::map<std::string, std::string>{{"KUBECONFIG", m_kubeconfig},
                                                 {"KUBECACHEDIR", m_dir + "/kubecache"},
                                                 {"HOME", m_dir}});
}

}  // namespace scaledeck::test
