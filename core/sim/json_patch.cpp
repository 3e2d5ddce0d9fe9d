#include "sim/json_patch.h"

#include <string>
#include <utility>
#include <vector>

namespace scaledeck::sim {
namespace {

using json = nlohmann::json;

// Thrown inside this file only; applyJsonPatch turns it into an Error.
struct PatchFailure {
    std::string message;
};

[[noreturn]] void fail(std::string message) {
    throw PatchFailure{std::move(message)};
}

using Tokens = std::vector<std::string>;

// RFC 6901: "" is the whole document, otherwise "/"-separated tokens with ~1 for "/" and ~0
// for "~".
Tokens parsePointer(const std::string& pointer) {
    Tokens tokens;
    if (pointer.empty())
        return tokens;
    if (pointer[0] != '/') {
        fail("invalid JSON pointer \"" + pointer + "\": it must be empty or start with \"/\"");
    }
    std::string token;
    for (std::size_t i = 1; i <= pointer.size(); ++i) {
        if (i == pointer.size() || pointer[i] == '/') {
            tokens.push_back(std::move(token));
            token.clear();
        } else if (pointer[i] == '~') {
            const char next = i + 1 < pointer.size() ? pointer[i + 1] : '\0';
            if (next != '0' && next != '1') {
                fail("invalid JSON pointer \"" + pointer + "\": \"~\" must be followed by 0 or 1");
            }
            token.push_back(next == '0' ? '~' : '/');
            ++i;
        } else {
            token.push_back(pointer[i]);
        }
    }
    return tokens;
}

std::string pointerOf(const Tokens& tokens, std::size_t count) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
        out += '/';
        for (char c : tokens[i]) {
            if (c == '~') {
                out += "~0";
            } else if (c == '/') {
                out += "~1";
            } else {
                out += c;
            }
        }
    }
    return out;
}

// A list index: digits without leading zeros.
bool parseIndex(const std::string& token, std::size_t& index) {
    if (token.empty() || token.size() > 18 || (token.size() > 1 && token[0] == '0'))
        return false;
    index = 0;
    for (char c : token) {
        if (c < '0' || c > '9')
            return false;
        index = index * 10 + static_cast<std::size_t>(c - '0');
    }
    return true;
}

json* resolve(json& doc, const Tokens& tokens, std::size_t count) {
    json* cur = &doc;
    for (std::size_t i = 0; i < count; ++i) {
        if (cur->is_object()) {
            const auto it = cur->find(tokens[i]);
            if (it == cur->end())
                return nullptr;
            cur = &*it;
        } else if (cur->is_array()) {
            std::size_t index = 0;
            if (!parseIndex(tokens[i], index) || index >= cur->size())
                return nullptr;
            cur = &(*cur)[index];
        } else {
            return nullptr;
        }
    }
    return cur;
}

struct Op {
    std::string name;
    std::string path;
    Tokens tokens;
};

std::string failedAt(const Op& op) {
    return op.name + " operation failed at " + op.path;
}

void addAt(json& doc, const Op& op, json value) {
    if (op.tokens.empty()) {
        doc = std::move(value);
        return;
    }
    const std::size_t last = op.tokens.size() - 1;
    json* parent = resolve(doc, op.tokens, last);
    if (parent == nullptr) {
        fail(failedAt(op) + ": " + pointerOf(op.tokens, last) + " does not exist");
    }
    const std::string& key = op.tokens[last];
    if (parent->is_object()) {
        (*parent)[key] = std::move(value);
    } else if (parent->is_array()) {
        if (key == "-") {
            parent->push_back(std::move(value));
            return;
        }
        std::size_t index = 0;
        if (!parseIndex(key, index))
            fail(failedAt(op) + ": \"" + key + "\" is not a list index");
        if (index > parent->size()) {
            fail(failedAt(op) + ": index " + key + " is out of range for a list of " +
                 std::to_string(parent->size()) + " items");
        }
        parent->insert(parent->begin() + static_cast<std::ptrdiff_t>(index), std::move(value));
    } else {
        fail(failedAt(op) + ": " + pointerOf(op.tokens, last) + " is not an object or a list");
    }
}

json removeAt(json& doc, const Op& op, const std::string& context) {
    if (op.tokens.empty())
        fail(context + ": the whole document cannot be removed");
    const std::size_t last = op.tokens.size() - 1;
    json* parent = resolve(doc, op.tokens, last);
    const std::string& key = op.tokens[last];
    if (parent != nullptr && parent->is_object()) {
        const auto it = parent->find(key);
        if (it != parent->end()) {
            json removed = std::move(*it);
            parent->erase(it);
            return removed;
        }
    } else if (parent != nullptr && parent->is_array()) {
        std::size_t index = 0;
        if (parseIndex(key, index) && index < parent->size()) {
            json removed = std::move((*parent)[index]);
            parent->erase(parent->begin() + static_cast<std::ptrdiff_t>(index));
            return removed;
        }
    }
    fail(context + ": the path does not exist");
}

const json& member(const json& operation, const char* name, std::size_t index, const Op& op) {
    const auto it = operation.find(name);
    if (it == operation.end()) {
        fail(op.name + " operation " + std::to_string(index) + " has no \"" + name + "\"");
    }
    return *it;
}

Op pointerOp(const std::string& name, const json& pointer, std::size_t index, const char* field) {
    if (!pointer.is_string()) {
        fail(name + " operation " + std::to_string(index) + ": \"" + field + "\" must be a string");
    }
    Op op{name, pointer.get<std::string>(), {}};
    op.tokens = parsePointer(op.path);
    return op;
}

void applyOperation(json& doc, const json& operation, std::size_t index) {
    if (!operation.is_object()) {
        fail("operation " + std::to_string(index) + " is not an object: " + operation.dump());
    }
    const auto opIt = operation.find("op");
    if (opIt == operation.end() || !opIt->is_string()) {
        fail("operation " + std::to_string(index) + " has no \"op\"");
    }
    const std::string name = opIt->get<std::string>();
    if (name != "add" && name != "remove" && name != "replace" && name != "move" &&
        name != "copy" && name != "test") {
        fail("unsupported JSON patch operation \"" + name + "\" (operation " +
             std::to_string(index) + ")");
    }
    const Op named{name, "", {}};
    const Op op = pointerOp(name, member(operation, "path", index, named), index, "path");

    if (name == "add") {
        addAt(doc, op, member(operation, "value", index, op));
    } else if (name == "remove") {
        removeAt(doc, op, failedAt(op));
    } else if (name == "replace") {
        const json& value = member(operation, "value", index, op);
        json* target = resolve(doc, op.tokens, op.tokens.size());
        if (target == nullptr)
            fail(failedAt(op) + ": the path does not exist");
        *target = value;
    } else if (name == "test") {
        const json& value = member(operation, "value", index, op);
        const json* target = resolve(doc, op.tokens, op.tokens.size());
        if (target == nullptr)
            fail(failedAt(op) + ": the path does not exist");
        if (*target != value)
            fail("test operation failed at " + op.path);
    } else {
        const Op from = pointerOp(name, member(operation, "from", index, op), index, "from");
        const std::string context = name + " operation failed: from " + from.path;
        if (name == "move") {
            if (from.path == op.path)
                return;
            if (op.path.rfind(from.path + "/", 0) == 0) {
                fail("move operation failed: cannot move " + from.path + " into its own child " +
                     op.path);
            }
            json value = removeAt(doc, from, context);
            addAt(doc, op, std::move(value));
        } else {
            const json* source = resolve(doc, from.tokens, from.tokens.size());
            if (source == nullptr)
                fail(context + " does not exist");
            addAt(doc, op, *source);
        }
    }
}

}  // namespace

base::Result<nlohmann::json> applyJsonPatch(const nlohmann::json& original,
                                            const nlohmann::json& patch) {
    if (!patch.is_array()) {
        return base::Error::invalid("a JSON patch must be a list of operations, got " +
                                    std::string(patch.type_name()));
    }
    try {
        json doc = original;
        for (std::size_t i = 0; i < patch.size(); ++i)
            applyOperation(doc, patch[i], i);
        return doc;
    } catch (const PatchFailure& failure) {
        return base::Error::invalid(failure.message);
    } catch (const nlohmann::json::exception& e) {
        return base::Error::invalid(std::string("malformed JSON patch: ") + e.what());
    }
}

}  // namespace scaledeck::sim
