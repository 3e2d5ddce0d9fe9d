#include "sim/pdb_controller.h"

#include <map>

#include "sim/controller_context.h"
#include "sim/label_selector.h"
#include "sim/pod_facts.h"

namespace scaledeck::sim {

void PdbController::reconcile(ControllerContext& ctx, const std::string& ns, const std::string& name) {
    auto ptr = ctx.store.get("policy/poddisruptionbudgets", ns, name);
    if (!ptr) return;
    nlohmann::json pdb = ptr->parse();
    const auto selector = LabelSelector::fromJson(pdb["spec"].value("selector", nlohmann::json::object()));
    int expected = 0;
    int healthy = 0;
    if (!selector.empty()) {
        for (const auto& p : ctx.store.list("core/pods", ns)) {
            if (!selector.matches(std::map<std::string, std::string>(p->labels.begin(), p->labels.end()))) continue;
            const auto pod = p->parse();
            if (!podIsActive(pod)) continue;
            ++expected;
            healthy += podIsReady(pod) ? 1 : 0;
        }
    }
    int desired = 0;
    const auto& spec = pdb["spec"];
    if (spec.contains("minAvailable")) {
        desired = scaledValue(spec["minAvailable"], expected, true, 0);
    } else if (spec.contains("maxUnavailable")) {
        desired = std::max(0, expected - scaledValue(spec["maxUnavailable"], expected, true, 0));
    }
    const int allowed = std::max(0, healthy - desired);
    nlohmann::json status = pdb.value("status", nlohmann::json::object());
    status["observedGeneration"] = pdb["metadata"].value("generation", 1);
    status["expectedPods"] = expected;
    status["currentHealthy"] = healthy;
    status["desiredHealthy"] = desired;
    status["disruptionsAllowed"] = allowed;
    const std::string ts = base::formatRfc3339(ctx.now);
    if (allowed > 0) {
        setCondition(status["conditions"], "DisruptionAllowed", "True", "SufficientPods", "", ts);
    } else {
        setCondition(status["conditions"], "DisruptionAllowed", "False", "InsufficientPods", "", ts);
    }
    for (auto& c : status["conditions"]) c["observedGeneration"] = status["observedGeneration"];
    if (status != pdb.value("status", nlohmann::json::object())) {
        pdb["status"] = status;
        ctx.update("policy/poddisruptionbudgets", std::move(pdb));
    }
}

}  // namespace scaledeck::sim
