#include "sim/controller_context.h"

#include <cstdio>

#include "sim/resource_registry.h"

namespace scaledeck::sim {

const ResourceInfo& ControllerContext::info(const std::string& storage) {
    return *ResourceRegistry::instance().byStorage(storage);
}

ObjectPtr ControllerContext::create(const std::string& storage, nlohmann::json obj) {
    auto r = store.create(info(storage), std::move(obj));
    if (auto* e = std::get_if<ApiError>(&r)) {
        std::fprintf(stderr, "scaledeck-sim: controller create failed: %s\n", e->message.c_str());
        return nullptr;
    }
    return std::get<ObjectPtr>(r);
}

ObjectPtr ControllerContext::update(const std::string& storage, nlohmann::json obj) {
    auto r = store.update(info(storage), std::move(obj), false);
    if (auto* e = std::get_if<ApiError>(&r)) {
        std::fprintf(stderr, "scaledeck-sim: controller update failed: %s\n", e->message.c_str());
        return nullptr;
    }
    return std::get<ObjectPtr>(r);
}

void ControllerContext::remove(const std::string& storage, const std::string& ns,
                               const std::string& name) {
    (void)store.remove(info(storage), ns, name);
}

std::string randomSuffix(std::mt19937_64& random, int length) {
    static const char* alphabet = "bcdfghjklmnpqrstvwxz2456789";
    std::string s;
    for (int i = 0; i < length; ++i) s.push_back(alphabet[random() % 27]);
    return s;
}

}  // namespace scaledeck::sim
