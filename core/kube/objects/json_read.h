// Readers over simdjson On-Demand values (internal to the object decoders). Each reader takes a
// value, writes its result and returns true, or reports through DecodeContext::fail() and returns
// false. JSON null leaves the output untouched, which is how missing and null fields both keep
// the row's defaults. forEachField/forEachElement walk objects and arrays once, in document
// order, and add the field name or index to any error raised inside.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/quantity.h"
#include "base/time_format.h"
#include "kube/objects/api_status.h"
#include "kube/objects/compute_resources.h"
#include "kube/objects/condition.h"
#include "kube/objects/decode_context.h"
#include "kube/objects/int_or_percent.h"
#include "kube/objects/label_map.h"
#include "kube/objects/label_selector.h"
#include "kube/objects/object_meta.h"

namespace scaledeck::kube::objects::detail {

namespace od = simdjson::ondemand;

// "array", "object", "number", "string", "boolean", "null".
const char* typeName(od::json_type type);
// Reports a simdjson error in words; returns false.
bool failJson(DecodeContext& ctx, simdjson::error_code error);
// Reports "expected <what>, got <actual JSON type>"; returns false.
bool failExpected(DecodeContext& ctx, od::value& value, std::string_view what);
// Untrusted text for an error message: quoted and cut to a readable length.
std::string quoted(std::string_view text);

// Calls onField(key, value) for each field; null counts as an empty object. `sawObject`, when
// given, tells whether the value was an object at all (to tell `{}` from null or absent).
template <class OnField>
bool forEachField(od::value& value, DecodeContext& ctx, OnField&& onField,
                  bool* sawObject = nullptr) {
    od::object object;
    if (auto error = value.get_object().get(object)) {
        bool isNull = false;
        if (error == simdjson::INCORRECT_TYPE && !value.is_null().get(isNull) && isNull)
            return true;
        return error == simdjson::INCORRECT_TYPE ? failExpected(ctx, value, "an object")
                                                 : failJson(ctx, error);
    }
    if (sawObject != nullptr)
        *sawObject = true;
    for (auto fieldResult : object) {
        od::field field;
        if (auto error = std::move(fieldResult).get(field))
            return failJson(ctx, error);
        std::string_view key;
        if (auto error = field.unescaped_key().get(key))
            return failJson(ctx, error);
        od::value fieldValue = field.value();
        if (!onField(key, fieldValue))
            return ctx.failed() ? ctx.atField(key) : false;
    }
    return true;
}

// Calls onElement(value, index) for each element; null counts as an empty array.
template <class OnElement>
bool forEachElement(od::value& value, DecodeContext& ctx, OnElement&& onElement) {
    od::array array;
    if (auto error = value.get_array().get(array)) {
        bool isNull = false;
        if (error == simdjson::INCORRECT_TYPE && !value.is_null().get(isNull) && isNull)
            return true;
        return error == simdjson::INCORRECT_TYPE ? failExpected(ctx, value, "an array")
                                                 : failJson(ctx, error);
    }
    std::size_t index = 0;
    for (auto elementResult : array) {
        od::value element;
        if (auto error = std::move(elementResult).get(element)) {
            failJson(ctx, error);
            return ctx.atIndex(index);
        }
        if (!onElement(element, index))
            return ctx.failed() ? ctx.atIndex(index) : false;
        ++index;
    }
    return true;
}

bool readString(od::value& value, std::string_view& out, DecodeContext& ctx);
bool readString(od::value& value, std::string& out, DecodeContext& ctx);
bool readInterned(od::value& value, InternedString& out, DecodeContext& ctx);
bool readBool(od::value& value, bool& out, DecodeContext& ctx);
bool readInt64(od::value& value, std::int64_t& out, DecodeContext& ctx);
bool readInt32(od::value& value, std::int32_t& out, DecodeContext& ctx);
bool readInt32(od::value& value, std::optional<std::int32_t>& out, DecodeContext& ctx);
bool readInt64(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx);
// RFC 3339 (Time) or RFC 3339 with fractions (MicroTime); "" counts as unset.
bool readTime(od::value& value, std::optional<base::UnixMillis>& out, DecodeContext& ctx);
// A resource.Quantity: a JSON string, or a bare JSON number as apimachinery also accepts.
bool readQuantity(od::value& value, std::optional<base::Quantity>& out, DecodeContext& ctx);
bool readMilliQuantity(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx);
bool readWholeQuantity(od::value& value, std::optional<std::int64_t>& out, DecodeContext& ctx);
bool readIntOrPercent(od::value& value, IntOrPercent& out, DecodeContext& ctx);
bool readConditionStatus(od::value& value, ConditionStatus& out, DecodeContext& ctx);

// A JSON object of strings into `out` (cleared first), keys sorted and unique (last wins).
bool readStringPairs(od::value& value, std::vector<StringViewPair>& out, DecodeContext& ctx);
LabelMap internLabelMap(const std::vector<StringViewPair>& sortedPairs, DecodeContext& ctx);
bool readLabelMap(od::value& value, LabelMap& out, DecodeContext& ctx);
bool readLabelSelector(od::value& value, LabelSelector& out, DecodeContext& ctx);
bool readLabelSelector(od::value& value, std::optional<LabelSelector>& out, DecodeContext& ctx);
bool readCondition(od::value& value, Condition& out, DecodeContext& ctx);
bool readConditions(od::value& value, std::vector<Condition>& out, DecodeContext& ctx);
bool readComputeResources(od::value& value, ComputeResources& out, DecodeContext& ctx);
// metadata of a top-level object; its annotations go to ctx.annotations.
bool readObjectMeta(od::value& value, ObjectMeta& out, DecodeContext& ctx);
bool readApiStatus(od::value& value, ApiStatus& out, DecodeContext& ctx);

// An annotation of the object being decoded, from ctx.annotations.
std::optional<std::string_view> annotation(const DecodeContext& ctx, std::string_view key);

}  // namespace scaledeck::kube::objects::detail
