// EventRecorder: writes core/v1 Events the way client-go's recorder does, folding a repeat of an
// identical event (same object, type, reason, message, source) into the existing Event by
// bumping `count` and `lastTimestamp`, which is what `kubectl describe` shows as "(x4 over 2m)".
#pragma once

#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace scaledeck::sim {

struct ControllerContext;

class EventRecorder {
public:
    // `involved` is the object the event is about (kind, apiVersion, metadata needed).
    void record(ControllerContext& ctx, const nlohmann::json& involved, const std::string& type,
                const std::string& reason, const std::string& message,
                const std::string& component);

private:
    std::map<std::string, std::string> m_eventByKey;  // fold key -> "ns/name" of the Event
};

}  // namespace scaledeck::sim
