#include "kube/objects/json_read.h"

#include <algorithm>
#include <charconv>
#include <limits>

namespace scaledeck::kube::objects::detail {

const char* typeName(od::json_type type) {
    switch (type) {
        case od::json_type::array:
            return "array";
        case od::json_type::object:
            return "object";
        case od::json_type::number:
            return "number";
        case od::json_type::string:
            return "string";
        case od::json_type::boolean:
            return "boolean";
        case od::json_type::null:
            return "null";
    }
    return "unknown";
}

namespace {

bool isNull(od::value& value) {
    bool null = false;
    return !value.is_null().get(null) && null;
}

std::string_view trimBlanks(std::string_view s) {
    while (!s.empty() &&
           (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() &&
           (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

// Insertion sort for the handful of labels an object has (no allocation, stable); the library's
// stable sort for the rare large map.
void sortPairs(std::vector<StringViewPair>& pairs) {
    auto byKey = [](const StringViewPair& a, const StringViewPair& b) { return a.first < b.first; };
    if (pairs.size() > 32) {
        std::stable_sort(pairs.begin(), pairs.end(), byKey);
        return;
    }
    for (std::size_t i = 1; i < pairs.size(); ++i) {
        StringViewPair item = pairs[i];
        std::size_t j = i;
        while (j > 0 && byKey(item, pairs[j - 1])) {
            pairs[j] = pairs[j - 1];
            --j;
        }
        pairs[j] = item;
    }
}

// Keeps the last of equal keys, as Go's encoding/json does for repeated keys.
void dedupeSortedPairs(std::vector<StringViewPair>& pairs) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < pairs.size(); ++i) {
        if (i + 1 < pairs.size() && pairs[i + 1].first == pairs[i].first)
            continue;
        pairs[out++] = pairs[i];
    }
    pairs.resize(out);
}

bool readQuantityText(od::value& value, std::string_view& text, bool& present, DecodeContext& ctx) {
    present = false;
    auto error = value.get_string().get(text);
    if (!error) {
        text = trimBlanks(text);
        present = true;
        return true;
    }
    if (error != simdjson::INCORRECT_TYPE)
        return failJson(ctx, error);
    od::json_type type;
    if (auto typeError = value.type().get(type))
        return failJson(ctx, typeError);
    if (type == od::json_type::null)
        return true;
    if (type != od::json_type::number)
        return failExpected(ctx, value, "a quantity");
    text = trimBlanks(value.raw_json_token());
    present = true;
    return true;
}

}  // namespace

bool failJson(DecodeContext& ctx, simdjson::error_code error) {
    switch (error) {
        case simdjson::EMPTY:
            return ctx.fail("empty document");
        case simdjson::TAPE_ERROR:
        case simdjson::INCOMPLETE_ARRAY_OR_OBJECT:
        case simdjson::UNCLOSED_STRING:
        case simdjson::TRAILING_CONTENT:
        case simdjson::OUT_OF_BOUNDS:
            return ctx.fail("truncated or malformed JSON");
        case simdjson::UTF8_ERROR:
            return ctx.fail("invalid UTF-8");
        case simdjson::STRING_ERROR:
        case simdjson::UNESCAPED_CHARS:
            return ctx.fail("invalid string");
        case simdjson::DEPTH_ERROR:
            return ctx.fail("JSON nested too deeply");
        case simdjson::NUMBER_ERROR:
        case simdjson::NUMBER_OUT_OF_RANGE:
            return ctx.fail("invalid or out-of-range number");
        case simdjson::T_ATOM_ERROR:
        case simdjson::F_ATOM_ERROR:
        case simdjson::N_ATOM_ERROR:
            return ctx.fail("invalid literal (expected true, false or null)");
        case simdjson::CAPACITY:
        case simdjson::MEMALLOC:
            return ctx.fail("document too large to decode");
        default:
            return ctx.fail(std::string("malformed JSON (") + simdjson::error_message(error) + ")");
    }
}

bool failExpected(DecodeContext& ctx, od::value& value, std::string_view what) {
    od::json_type type;
    if (auto error = value.type().get(type))
        return failJson(ctx, error);
    return ctx.fail("expected " + std::string(what) + ", got " + typeName(type));
}

std::string quoted(std::string_view text) {
    constexpr std::size_t kMax = 40;  // enough to recognise a value, short enough for a tooltip
    std::string out = "\"";
    out += text.substr(0, kMax);
    if (text.size() > kMax)
        out += "…";
    out += '"';
    return out;
}

bool readString(od::value& value, std::string_view& out, DecodeContext& ctx) {
    auto error = value.get_string().get(out);
    if (!error)
        return true;
    if (error == simdjson::INCORRECT_TYPE) {
        if (isNull(value))
            return true;
        return failExpected(ctx, value, "a string");
    }
    return failJson(ctx, error);
}

bool readString(od::value& value, std::string& out, DecodeContext& ctx) {
    std::string_view text;
    bool present = true;
    auto error = value.get_string().get(text);
    if (error == simdjson::INCORRECT_TYPE) {
        if (!isNull(value))
            return failExpected(ctx, value, "a string");
        present = false;
    } else if (error) {
        return failJson(ctx, error);
    }
    if (present)
        out.assign(text);
    return true;
}

bool readInterned(od::value& value, InternedString& out, DecodeContext& ctx) {
    std::string_view text;
    bool present = true;
    auto error = value.get_string().get(text);
    if (error == simdjson::INCORRECT_TYPE) {
        if (!isNull(value))
            return failExpected(ctx, value, "a string");
        present = false;
    } else if (error) {
        return failJson(ctx, error);
    }
    if (present)
        out = ctx.intern(text);
    return true;
}

bool readBool(od::value& value, bool& out, DecodeContext& ctx) {
    auto error = value.get_bool().get(out);
    if (!error)
        return true;
    if (error == simdjson::INCORRECT_TYPE) {
        if (isNull(value))
            return true;
        return failExpected(ctx, value, "true or false");
    }
    return failJson(ctx, error);
}

bool readInt64(od::value& value, std::int64_t& out, DecodeContext& ctx) {
    std::int64_t n = 0;
    auto error = value.get_int64().get(n);
    if (!error) {
        out = n;
        return true;
    }
    if (error == simdjson::INCORRECT_TYPE) {
        if (isNull(value))
            return true;
        return failExpected(ctx, value, "an integer");
    }
    if (error == simdjson::NUMBER_ERROR || error == simdjson::NUMBER_OUT_OF_RANGE)
        return ctx.fail("expected an integer");
    return failJson(ctx, error);
}

bool readInt64(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx) {
    bool null = false;
    if (!value.is_null().get(null) && null)
        return true;
    std::int64_t n = 0;
    if (!readInt64(value, n, ctx))
        return false;
    out = n;
    return true;
}

bool readInt32(od::value& value, std::int32_t& out, DecodeContext& ctx) {
    std::int64_t n = out;
    if (!readInt64(value, n, ctx))
        return false;
    if (n < std::numeric_limits<std::int32_t>::min() ||
        n > std::numeric_limits<std::int32_t>::max())
        return ctx.fail("integer out of the 32-bit range");
    out = static_cast<std::int32_t>(n);
    return true;
}

bool readInt32(od::value& value, std::optional<std::int32_t>& out, DecodeContext& ctx) {
    bool null = false;
    if (!value.is_null().get(null) && null)
        return true;
    std::int32_t n = 0;
    if (!readInt32(value, n, ctx))
        return false;
    out = n;
    return true;
}

bool readTime(od::value& value, std::optional<base::UnixMillis>& out, DecodeContext& ctx) {
    std::string_view text;
    if (!readString(value, text, ctx))
        return false;
    if (text.empty())
        return true;
    const auto t = base::parseRfc3339(text);
    if (!t)
        return ctx.fail("expected an RFC 3339 time, got " + quoted(text));
    out = *t;
    return true;
}

bool readQuantity(od::value& value, std::optional<base::Quantity>& out, DecodeContext& ctx) {
    std::string_view text;
    bool present = false;
    if (!readQuantityText(value, text, present, ctx))
        return false;
    if (!present)
        return true;
    auto parsed = base::Quantity::parse(text);
    if (!parsed.ok())
        return ctx.fail("invalid quantity " + quoted(text) + ": " + parsed.error().message);
    out = std::move(parsed).value();
    return true;
}

namespace {

// The milli and whole values of a quantity field, read once for both readers below.
bool readQuantityPart(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx,
                      std::int64_t DecodeContext::QuantityValues::*part) {
    std::string_view text;
    bool present = false;
    if (!readQuantityText(value, text, present, ctx))
        return false;
    if (!present)
        return true;
    const auto values = ctx.quantityValues(text);
    if (!values.ok())
        return ctx.fail("invalid quantity " + quoted(text) + ": " + values.error().message);
    out = (*values).*part;
    return true;
}

}  // namespace

bool readMilliQuantity(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx) {
    return readQuantityPart(value, out, ctx, &DecodeContext::QuantityValues::milli);
}

bool readWholeQuantity(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx) {
    return readQuantityPart(value, out, ctx, &DecodeContext::QuantityValues::whole);
}

bool readIntOrPercent(od::value& value, IntOrPercent& out, DecodeContext& ctx) {
    std::string_view text;
    auto error = value.get_string().get(text);
    if (error == simdjson::INCORRECT_TYPE) {
        if (isNull(value))
            return true;
        std::int32_t n = 0;
        if (!readInt32(value, n, ctx))
            return ctx.fail("expected an integer or a percentage like \"25%\"");
        out = IntOrPercent::count(n);
        return true;
    }
    if (error)
        return failJson(ctx, error);
    // intstr's GetScaledValueFromIntOrPercent: strconv.Atoi of the text before the '%'.
    if (text.size() < 2 || text.back() != '%')
        return ctx.fail("expected an integer or a percentage like \"25%\", got " + quoted(text));
    std::string_view digits = text.substr(0, text.size() - 1);
    if (digits.front() == '+')
        digits.remove_prefix(1);
    std::int32_t n = 0;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
    if (ec != std::errc() || end != digits.data() + digits.size())
        return ctx.fail("expected an integer or a percentage like \"25%\", got " + quoted(text));
    out = IntOrPercent::percent(n);
    return true;
}

bool readConditionStatus(od::value& value, ConditionStatus& out, DecodeContext& ctx) {
    std::string_view text;
    if (!readString(value, text, ctx))
        return false;
    if (text == "True")
        out = ConditionStatus::True;
    else if (text == "False")
        out = ConditionStatus::False;
    else
        out = ConditionStatus::Unknown;  // "Unknown", or anything a server invents
    return true;
}

bool readStringPairs(od::value& value, std::vector<StringViewPair>& out, DecodeContext& ctx) {
    out.clear();
    const bool ok = forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        std::string_view text;
        if (!readString(v, text, ctx))
            return false;
        out.emplace_back(key, text);
        return true;
    });
    if (!ok)
        return false;
    sortPairs(out);
    dedupeSortedPairs(out);
    return true;
}

LabelMap internLabelMap(const std::vector<StringViewPair>& sortedPairs, DecodeContext& ctx) {
    std::vector<LabelMap::Entry> entries;
    entries.reserve(sortedPairs.size());
    for (const auto& [key, text] : sortedPairs)
        entries.emplace_back(ctx.intern(key), ctx.intern(text));
    return LabelMap::fromSortedUnique(std::move(entries));
}

bool readLabelMap(od::value& value, LabelMap& out, DecodeContext& ctx) {
    if (!readStringPairs(value, ctx.pairs, ctx))
        return false;
    out = internLabelMap(ctx.pairs, ctx);
    return true;
}

namespace {

bool readSelectorOperator(od::value& value, SelectorOperator& out, DecodeContext& ctx) {
    std::string_view op;
    if (!readString(value, op, ctx))
        return false;
    if (op == "In")
        out = SelectorOperator::In;
    else if (op == "NotIn")
        out = SelectorOperator::NotIn;
    else if (op == "Exists")
        out = SelectorOperator::Exists;
    else if (op == "DoesNotExist")
        out = SelectorOperator::DoesNotExist;
    else
        return ctx.fail("unknown selector operator " + quoted(op));
    return true;
}

bool readSelectorRequirement(od::value& value, LabelSelectorRequirement& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "key")
            return readInterned(v, out.key, ctx);
        if (key == "operator")
            return readSelectorOperator(v, out.op, ctx);
        if (key == "values") {
            out.values.clear();
            return forEachElement(v, ctx, [&](od::value& item, std::size_t) {
                InternedString text;
                if (!readInterned(item, text, ctx))
                    return false;
                out.values.push_back(std::move(text));
                return true;
            });
        }
        return true;
    });
}

bool readSelectorFields(od::value& value, LabelSelector& out, DecodeContext& ctx, bool* sawObject) {
    return forEachField(
        value, ctx,
        [&](std::string_view key, od::value& v) {
            if (key == "matchLabels")
                return readLabelMap(v, out.matchLabels, ctx);
            if (key == "matchExpressions") {
                out.matchExpressions.clear();
                return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                    LabelSelectorRequirement requirement;
                    if (!readSelectorRequirement(element, requirement, ctx))
                        return false;
                    out.matchExpressions.push_back(std::move(requirement));
                    return true;
                });
            }
            return true;
        },
        sawObject);
}

}  // namespace

bool readLabelSelector(od::value& value, LabelSelector& out, DecodeContext& ctx) {
    return readSelectorFields(value, out, ctx, nullptr);
}

bool readLabelSelector(od::value& value, std::optional<LabelSelector>& out, DecodeContext& ctx) {
    LabelSelector selector;
    bool sawObject = false;
    if (!readSelectorFields(value, selector, ctx, &sawObject))
        return false;
    if (sawObject)
        out = std::move(selector);
    return true;
}

bool readCondition(od::value& value, Condition& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "type")
            return readInterned(v, out.type, ctx);
        if (key == "status")
            return readConditionStatus(v, out.status, ctx);
        if (key == "reason")
            return readInterned(v, out.reason, ctx);
        if (key == "message")
            return readInterned(v, out.message, ctx);
        if (key == "lastTransitionTime")
            return readTime(v, out.lastTransitionTime, ctx);
        return true;
    });
}

bool readConditions(od::value& value, std::vector<Condition>& out, DecodeContext& ctx) {
    out.clear();
    return forEachElement(value, ctx, [&](od::value& element, std::size_t) {
        Condition condition;
        condition.status = ConditionStatus::Unknown;  // a listed condition without a status
        if (!readCondition(element, condition, ctx))
            return false;
        out.push_back(std::move(condition));
        return true;
    });
}

bool readComputeResources(od::value& value, ComputeResources& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        const bool requests = key == "requests";
        if (!requests && key != "limits")
            return true;
        return forEachField(v, ctx, [&](std::string_view resource, od::value& q) {
            if (resource == "cpu")
                return readMilliQuantity(q, requests ? out.cpuRequestMilli : out.cpuLimitMilli,
                                         ctx);
            if (resource == "memory") {
                return readWholeQuantity(
                    q, requests ? out.memoryRequestBytes : out.memoryLimitBytes, ctx);
            }
            return true;
        });
    });
}

namespace {

bool readOwnerReference(od::value& value, OwnerReference& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "apiVersion")
            return readInterned(v, out.apiVersion, ctx);
        if (key == "kind")
            return readInterned(v, out.kind, ctx);
        if (key == "name")
            return readInterned(v, out.name, ctx);
        if (key == "uid")
            return readInterned(v, out.uid, ctx);
        if (key == "controller")
            return readBool(v, out.controller, ctx);
        if (key == "blockOwnerDeletion")
            return readBool(v, out.blockOwnerDeletion, ctx);
        return true;
    });
}

}  // namespace

bool readObjectMeta(od::value& value, ObjectMeta& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "name")
            return readString(v, out.name, ctx);
        if (key == "namespace")
            return readInterned(v, out.namespaceName, ctx);
        if (key == "uid")
            return readString(v, out.uid, ctx);
        if (key == "resourceVersion")
            return readString(v, out.resourceVersion, ctx);
        if (key == "generation")
            return readInt64(v, out.generation, ctx);
        if (key == "creationTimestamp") {
            std::optional<base::UnixMillis> t;
            if (!readTime(v, t, ctx))
                return false;
            out.creationTimestamp = t.value_or(0);
            return true;
        }
        if (key == "deletionTimestamp")
            return readTime(v, out.deletionTimestamp, ctx);
        if (key == "labels")
            return readLabelMap(v, out.labels, ctx);
        if (key == "annotations")
            return readStringPairs(v, ctx.annotations, ctx);
        if (key == "ownerReferences") {
            out.ownerReferences.clear();
            return forEachElement(v, ctx, [&](od::value& element, std::size_t) {
                OwnerReference ref;
                if (!readOwnerReference(element, ref, ctx))
                    return false;
                out.ownerReferences.push_back(std::move(ref));
                return true;
            });
        }
        return true;
    });
}

bool readApiStatus(od::value& value, ApiStatus& out, DecodeContext& ctx) {
    return forEachField(value, ctx, [&](std::string_view key, od::value& v) {
        if (key == "code")
            return readInt32(v, out.code, ctx);
        if (key == "status")
            return readString(v, out.status, ctx);
        if (key == "reason")
            return readString(v, out.reason, ctx);
        if (key == "message")
            return readString(v, out.message, ctx);
        return true;
    });
}

std::optional<std::string_view> annotation(const DecodeContext& ctx, std::string_view key) {
    for (const auto& [k, v] : ctx.annotations) {
        if (k == key)
            return v;
    }
    return std::nullopt;
}

}  // namespace scaledeck::kube::objects::detail
