#include "planning/hpa_status.h"

namespace scaledeck::planning {

void setCondition(std::vector<HpaCondition>& conditions, const std::string& type,
                  const std::string& status, const std::string& reason, const std::string& message,
                  base::UnixMillis now) {
    HpaCondition* existing = nullptr;
    for (auto& c : conditions) {
        if (c.type == type) {
            existing = &c;
            break;
        }
    }
    if (!existing) {
        conditions.push_back(HpaCondition{type, "", "", "", 0});
        existing = &conditions.back();
    }
    if (existing->status != status)
        existing->lastTransitionTime = now;
    existing->status = status;
    existing->reason = reason;
    existing->message = message;
}

const HpaCondition* findCondition(const std::vector<HpaCondition>& conditions,
                                  const std::string& type) {
    for (const auto& c : conditions) {
        if (c.type == type)
            return &c;
    }
    return nullptr;
}

}  // namespace scaledeck::planning
