#include "sim/label_selector.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <utility>

namespace scaledeck::sim {
namespace {

using Operator = LabelSelector::Operator;
using Requirement = LabelSelector::Requirement;

// ---- validation, with apimachinery's wording (util/validation) ----

constexpr const char* kQualifiedNameErrMsg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
constexpr const char* kQualifiedNameFmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
constexpr const char* kLabelValueErrMsg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
    "'.', and must start and end with an alphanumeric character";
constexpr const char* kLabelValueFmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
constexpr const char* kDns1123SubdomainErrMsg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
    "'.', and must start and end with an alphanumeric character";
constexpr const char* kDns1123SubdomainFmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

bool isAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
bool matchesQualifiedName(std::string_view s) {
    if (s.empty() || !isAlnum(s.front()) || !isAlnum(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return isAlnum(c) || c == '-' || c == '_' || c == '.'; });
}

bool matchesDns1123Subdomain(std::string_view s) {
    auto lowerAlnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
    std::size_t start = 0;
    while (true) {
        const std::size_t dot = s.find('.', start);
        const std::string_view label =
            s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
        if (label.empty() || !lowerAlnum(label.front()) || !lowerAlnum(label.back()))
            return false;
        for (char c : label) {
            if (!lowerAlnum(c) && c != '-')
                return false;
        }
        if (dot == std::string_view::npos)
            return true;
        start = dot + 1;
    }
}

// validation.RegexError, including its double blank after each example's comma.
std::string regexError(const std::string& msg, const std::string& fmt,
                       const std::vector<std::string>& examples) {
    std::string out = msg;
    if (examples.empty())
        return out + " (regex used for validation is '" + fmt + "')";
    out += " (e.g. ";
    for (std::size_t i = 0; i < examples.size(); ++i) {
        if (i > 0)
            out += " or ";
        out += "'" + examples[i] + "', ";
    }
    return out + "regex used for validation is '" + fmt + "')";
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += sep;
        out += parts[i];
    }
    return out;
}

// validation.IsQualifiedName
std::vector<std::string> qualifiedNameErrors(std::string_view value) {
    std::vector<std::string> errs;
    const std::string nameRegexError =
        regexError(kQualifiedNameErrMsg, kQualifiedNameFmt, {"MyName", "my.name", "123-abc"});
    const auto slashes = std::count(value.begin(), value.end(), '/');
    std::string_view name = value;
    if (slashes == 1) {
        const auto slash = value.find('/');
        const std::string_view prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errs.push_back("prefix part must be non-empty");
        } else {
            if (prefix.size() > 253)
                errs.push_back("prefix part must be no more than 253 characters");
            if (!matchesDns1123Subdomain(prefix)) {
                errs.push_back("prefix part " + regexError(kDns1123SubdomainErrMsg,
                                                           kDns1123SubdomainFmt, {"example.com"}));
            }
        }
    } else if (slashes > 1) {
        errs.push_back(
            "a qualified name " + nameRegexError +
            " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (name.empty()) {
        errs.push_back("name part must be non-empty");
    } else if (name.size() > 63) {
        errs.push_back("name part must be no more than 63 characters");
    }
    if (!matchesQualifiedName(name))
        errs.push_back("name part " + nameRegexError);
    return errs;
}

// validation.IsValidLabelValue
std::vector<std::string> labelValueErrors(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > 63)
        errs.push_back("must be no more than 63 characters");
    if (!value.empty() && !matchesQualifiedName(value)) {
        errs.push_back(
            regexError(kLabelValueErrMsg, kLabelValueFmt, {"MyValue", "my_value", "12345"}));
    }
    return errs;
}

// Go's %q for the strings that reach an error message.
std::string goQuote(std::string_view s) {
    static const char* kHex = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    out += "\\x";
                    out += kHex[c >> 4];
                    out += kHex[c & 0xf];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    return out + "\"";
}

// Go's %#v of a []string.
std::string goStringSlice(const std::vector<std::string>& values) {
    std::string out = "[]string{";
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += ", ";
        out += goQuote(values[i]);
    }
    return out + "}";
}

std::string invalid(const std::string& field, const std::string& renderedValue,
                    const std::string& detail) {
    return field + ": Invalid value: " + renderedValue + ": " + detail;
}

std::optional<std::int64_t> parseInt64(std::string_view s) {
    std::string_view digits = s;
    if (!digits.empty() && digits.front() == '+')
        digits.remove_prefix(1);
    if (digits.empty())
        return std::nullopt;
    std::int64_t v = 0;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || ptr != digits.data() + digits.size())
        return std::nullopt;
    return v;
}

// labels.NewRequirement: the operator-specific checks, then every value. One error is reported
// as itself, several as "[e1, e2]" (an aggregate).
std::optional<std::string> requirementErrors(const std::string& keyField, const Requirement& r) {
    std::vector<std::string> errs;
    if (auto keyErrs = qualifiedNameErrors(r.key); !keyErrs.empty()) {
        errs.push_back(invalid(keyField, goQuote(r.key), join(keyErrs, "; ")));
    }
    switch (r.op) {
        case Operator::In:
        case Operator::NotIn:
            if (r.values.empty()) {
                errs.push_back(invalid("values", goStringSlice(r.values),
                                       "for 'in', 'notin' operators, values set can't be empty"));
            }
            break;
        case Operator::Equals:
        case Operator::DoubleEquals:
        case Operator::NotEquals:
            if (r.values.size() != 1) {
                errs.push_back(invalid("values", goStringSlice(r.values),
                                       "exact-match compatibility requires one single value"));
            }
            break;
        case Operator::Exists:
        case Operator::DoesNotExist:
            if (!r.values.empty()) {
                errs.push_back(invalid("values", goStringSlice(r.values),
                                       "values set must be empty for exists and does not exist"));
            }
            break;
        case Operator::Gt:
        case Operator::Lt:
            if (r.values.size() != 1) {
                errs.push_back(invalid("values", goStringSlice(r.values),
                                       "for 'Gt', 'Lt' operators, exactly one value is required"));
            }
            for (std::size_t i = 0; i < r.values.size(); ++i) {
                if (!parseInt64(r.values[i])) {
                    errs.push_back(
                        invalid("values[" + std::to_string(i) + "]", goQuote(r.values[i]),
                                "for 'Gt', 'Lt' operators, the value must be an integer"));
                }
            }
            break;
    }
    for (std::size_t i = 0; i < r.values.size(); ++i) {
        if (auto valueErrs = labelValueErrors(r.values[i]); !valueErrs.empty()) {
            errs.push_back(invalid("values[" + std::to_string(i) + "][" + r.key + "]",
                                   goQuote(r.values[i]), join(valueErrs, "; ")));
        }
    }
    if (errs.empty())
        return std::nullopt;
    if (errs.size() == 1)
        return errs.front();
    return "[" + join(errs, ", ") + "]";
}

// ---- the lexer and parser of apimachinery's labels package ----

enum class Token {
    EndOfString,
    ClosedPar,
    Comma,
    DoesNotExist,
    DoubleEquals,
    Equals,
    GreaterThan,
    Identifier,
    In,
    LessThan,
    NotEquals,
    NotIn,
    OpenPar,
};

struct Scanned {
    Token token;
    std::string literal;
};

bool isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool isSpecialSymbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

std::optional<Token> keywordToken(std::string_view s) {
    static const std::pair<std::string_view, Token> kTokens[] = {
        {")", Token::ClosedPar},     {",", Token::Comma},    {"!", Token::DoesNotExist},
        {"==", Token::DoubleEquals}, {"=", Token::Equals},   {">", Token::GreaterThan},
        {"in", Token::In},           {"<", Token::LessThan}, {"!=", Token::NotEquals},
        {"notin", Token::NotIn},     {"(", Token::OpenPar},
    };
    for (const auto& [text, token] : kTokens) {
        if (s == text)
            return token;
    }
    return std::nullopt;
}

std::vector<Scanned> lex(std::string_view s) {
    std::vector<Scanned> items;
    std::size_t pos = 0;
    while (true) {
        while (pos < s.size() && isWhitespace(s[pos]))
            ++pos;
        if (pos >= s.size()) {
            items.push_back({Token::EndOfString, ""});
            return items;
        }
        if (isSpecialSymbol(s[pos])) {
            // Longest run of special symbols that still spells a token ("!=" over "!").
            std::string buffer;
            std::optional<Scanned> last;
            while (pos < s.size() && isSpecialSymbol(s[pos])) {
                buffer.push_back(s[pos]);
                if (auto t = keywordToken(buffer)) {
                    last = Scanned{*t, buffer};
                    ++pos;
                } else {
                    break;
                }
            }
            items.push_back(*last);  // every single special symbol is a token
            continue;
        }
        std::string buffer;
        while (pos < s.size() && !isSpecialSymbol(s[pos]) && !isWhitespace(s[pos])) {
            buffer.push_back(s[pos++]);
        }
        const auto keyword = keywordToken(buffer);
        items.push_back({keyword.value_or(Token::Identifier), buffer});
    }
}

class Parser {
public:
    explicit Parser(std::string_view text) : m_items(lex(text)) {}

    base::Result<std::vector<Requirement>> parse() {
        std::vector<Requirement> requirements;
        while (true) {
            const auto& ahead = lookahead(true);
            switch (ahead.token) {
                case Token::Identifier:
                case Token::DoesNotExist: {
                    auto r = parseRequirement();
                    if (!r.ok()) {
                        return base::Error::invalid("unable to parse requirement: " +
                                                    r.error().message);
                    }
                    requirements.push_back(std::move(r.value()));
                    const Scanned next = consume(true);
                    if (next.token == Token::EndOfString)
                        return requirements;
                    if (next.token != Token::Comma) {
                        return base::Error::invalid("found '" + next.literal +
                                                    "', expected: ',' or 'end of string'");
                    }
                    const auto& afterComma = lookahead(true);
                    if (afterComma.token != Token::Identifier &&
                        afterComma.token != Token::DoesNotExist) {
                        return base::Error::invalid("found '" + afterComma.literal +
                                                    "', expected: identifier after ','");
                    }
                    break;
                }
                case Token::EndOfString:
                    return requirements;
                default:
                    return base::Error::invalid("found '" + ahead.literal +
                                                "', expected: !, identifier, or 'end of string'");
            }
        }
    }

private:
    // In value position "in" and "notin" are plain identifiers.
    Scanned lookahead(bool values) const {
        Scanned item = m_items[m_position];
        if (values && (item.token == Token::In || item.token == Token::NotIn)) {
            item.token = Token::Identifier;
        }
        return item;
    }

    Scanned consume(bool values) {
        Scanned item = lookahead(values);
        if (m_position + 1 < m_items.size())
            ++m_position;
        return item;
    }

    base::Result<Requirement> parseRequirement() {
        Requirement r;
        std::optional<Operator> op;
        Scanned key = consume(true);
        if (key.token == Token::DoesNotExist) {
            op = Operator::DoesNotExist;
            key = consume(true);
        }
        if (key.token != Token::Identifier) {
            return base::Error::invalid("found '" + key.literal + "', expected: identifier");
        }
        if (auto errs = qualifiedNameErrors(key.literal); !errs.empty()) {
            // The parser validates the key with a nil field path, hence "<nil>".
            return base::Error::invalid(invalid("<nil>", goQuote(key.literal), join(errs, "; ")));
        }
        r.key = key.literal;
        const Token next = lookahead(true).token;
        if (next == Token::EndOfString || next == Token::Comma) {
            if (!op)
                op = Operator::Exists;
        }
        if (op) {
            r.op = *op;
            return r;
        }

        const Scanned opToken = consume(false);
        switch (opToken.token) {
            case Token::In:
                r.op = Operator::In;
                break;
            case Token::NotIn:
                r.op = Operator::NotIn;
                break;
            case Token::Equals:
                r.op = Operator::Equals;
                break;
            case Token::DoubleEquals:
                r.op = Operator::DoubleEquals;
                break;
            case Token::NotEquals:
                r.op = Operator::NotEquals;
                break;
            case Token::GreaterThan:
                r.op = Operator::Gt;
                break;
            case Token::LessThan:
                r.op = Operator::Lt;
                break;
            default:
                return base::Error::invalid("found '" + opToken.literal +
                                            "', expected: in, notin, =, ==, !=, gt, lt");
        }

        if (r.op == Operator::In || r.op == Operator::NotIn) {
            auto values = parseValues();
            if (!values.ok())
                return values.error();
            r.values = std::move(values.value());
        } else {
            auto value = parseExactValue();
            if (!value.ok())
                return value.error();
            r.values = {std::move(value.value())};
        }
        if (auto err = requirementErrors("key", r))
            return base::Error::invalid(*err);
        return r;
    }

    base::Result<std::vector<std::string>> parseValues() {
        const Scanned open = consume(true);
        if (open.token != Token::OpenPar) {
            return base::Error::invalid("found '" + open.literal + "' expected: '('");
        }
        const Scanned first = lookahead(true);
        std::vector<std::string> values;
        switch (first.token) {
            case Token::Identifier:
            case Token::Comma: {
                auto list = parseIdentifiersList();
                if (!list.ok())
                    return list.error();
                if (consume(true).token != Token::ClosedPar) {
                    return base::Error::invalid("found '" + first.literal + "', expected: ')'");
                }
                values = std::move(list.value());
                break;
            }
            case Token::ClosedPar:
                consume(true);
                values = {""};  // "k in ()" means the empty value
                break;
            default:
                return base::Error::invalid("found '" + first.literal +
                                            "', expected: ',', ')' or identifier");
        }
        std::sort(values.begin(), values.end());
        values.erase(std::unique(values.begin(), values.end()), values.end());
        return values;
    }

    // Empty slots ("(,a)", "(a,,b)", "(a,)") stand for the empty value, as in apimachinery.
    base::Result<std::vector<std::string>> parseIdentifiersList() {
        std::vector<std::string> values;
        while (true) {
            const Scanned item = consume(true);
            switch (item.token) {
                case Token::Identifier: {
                    values.push_back(item.literal);
                    const Scanned after = lookahead(true);
                    if (after.token == Token::Comma)
                        continue;
                    if (after.token == Token::ClosedPar)
                        return values;
                    return base::Error::invalid("found '" + after.literal +
                                                "', expected: ',' or ')'");
                }
                case Token::Comma: {
                    if (values.empty())
                        values.emplace_back();
                    const Token after = lookahead(true).token;
                    if (after == Token::ClosedPar) {
                        values.emplace_back();
                        return values;
                    }
                    if (after == Token::Comma) {
                        consume(true);
                        values.emplace_back();
                    }
                    break;
                }
                default:
                    return base::Error::invalid("found '" + item.literal +
                                                "', expected: ',', or identifier");
            }
        }
    }

    base::Result<std::string> parseExactValue() {
        const Token ahead = lookahead(true).token;
        if (ahead == Token::EndOfString || ahead == Token::Comma)
            return std::string();
        const Scanned value = consume(true);
        if (value.token == Token::Identifier)
            return value.literal;
        return base::Error::invalid("found '" + value.literal + "', expected: identifier");
    }

    std::vector<Scanned> m_items;
    std::size_t m_position = 0;
};

void sortByKey(std::vector<Requirement>& requirements) {
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
}

bool requirementMatches(const Requirement& r, const std::map<std::string, std::string>& labels) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    auto inValues = [&] {
        return has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
    };
    switch (r.op) {
        case Operator::Equals:
        case Operator::DoubleEquals:
        case Operator::In:
            return inValues();
        case Operator::NotEquals:
        case Operator::NotIn:
            return !inValues();
        case Operator::Exists:
            return has;
        case Operator::DoesNotExist:
            return !has;
        case Operator::Gt:
        case Operator::Lt: {
            if (!has || r.values.size() != 1)
                return false;
            const auto labelValue = parseInt64(it->second);
            const auto bound = parseInt64(r.values.front());
            if (!labelValue || !bound)
                return false;
            return r.op == Operator::Gt ? *labelValue > *bound : *labelValue < *bound;
        }
    }
    return false;
}

std::map<std::string, std::string> labelsFromJson(const nlohmann::json& labels) {
    std::map<std::string, std::string> out;
    if (!labels.is_object())
        return out;
    for (const auto& [key, value] : labels.items()) {
        if (value.is_string())
            out.emplace(key, value.get<std::string>());
    }
    return out;
}

}  // namespace

base::Result<LabelSelector> LabelSelector::parse(std::string_view text) {
    auto requirements = Parser(text).parse();
    if (!requirements.ok())
        return requirements.error();
    LabelSelector selector;
    selector.m_requirements = std::move(requirements.value());
    sortByKey(selector.m_requirements);
    return selector;
}

LabelSelector LabelSelector::nothing() {
    LabelSelector selector;
    selector.m_matchesNothing = true;
    return selector;
}

base::Result<LabelSelector> LabelSelector::tryFromJson(const nlohmann::json& sel) {
    if (sel.is_null())
        return nothing();
    if (!sel.is_object()) {
        return base::Error::invalid("a label selector must be an object, got " + sel.dump());
    }
    std::vector<Requirement> requirements;
    if (const auto it = sel.find("matchLabels"); it != sel.end() && !it->is_null()) {
        if (!it->is_object())
            return base::Error::invalid("matchLabels must be an object");
        for (const auto& [key, value] : it->items()) {
            if (!value.is_string()) {
                return base::Error::invalid("matchLabels." + key + " must be a string");
            }
            requirements.push_back({key, Operator::Equals, {value.get<std::string>()}});
        }
    }
    if (const auto it = sel.find("matchExpressions"); it != sel.end() && !it->is_null()) {
        if (!it->is_array())
            return base::Error::invalid("matchExpressions must be a list");
        for (const auto& expr : *it) {
            if (!expr.is_object())
                return base::Error::invalid("a matchExpression must be an object");
            Requirement r;
            r.key = expr.value("key", "");
            const std::string op = expr.value("operator", "");
            if (op == "In") {
                r.op = Operator::In;
            } else if (op == "NotIn") {
                r.op = Operator::NotIn;
            } else if (op == "Exists") {
                r.op = Operator::Exists;
            } else if (op == "DoesNotExist") {
                r.op = Operator::DoesNotExist;
            } else {
                return base::Error::invalid(goQuote(op) +
                                            " is not a valid label selector operator");
            }
            if (const auto values = expr.find("values");
                values != expr.end() && values->is_array()) {
                for (const auto& v : *values) {
                    if (v.is_string())
                        r.values.push_back(v.get<std::string>());
                }
            }
            requirements.push_back(std::move(r));
        }
    }
    for (const auto& r : requirements) {
        if (auto err = requirementErrors("key", r))
            return base::Error::invalid(*err);
    }
    LabelSelector selector;
    selector.m_requirements = std::move(requirements);
    sortByKey(selector.m_requirements);
    return selector;
}

LabelSelector LabelSelector::fromJson(const nlohmann::json& sel) {
    auto parsed = tryFromJson(sel);
    return parsed.ok() ? std::move(parsed.value()) : nothing();
}

bool LabelSelector::matches(const nlohmann::json& labelsObject) const {
    if (m_matchesNothing)
        return false;
    if (m_requirements.empty())
        return true;
    return matches(labelsFromJson(labelsObject));
}

bool LabelSelector::matches(const std::map<std::string, std::string>& labels) const {
    if (m_matchesNothing)
        return false;
    return std::all_of(m_requirements.begin(), m_requirements.end(),
                       [&](const Requirement& r) { return requirementMatches(r, labels); });
}

std::string LabelSelector::toString() const {
    std::vector<std::string> parts;
    for (const auto& r : m_requirements) {
        std::string s = r.op == Operator::DoesNotExist ? "!" + r.key : r.key;
        switch (r.op) {
            case Operator::Equals:
                s += "=";
                break;
            case Operator::DoubleEquals:
                s += "==";
                break;
            case Operator::NotEquals:
                s += "!=";
                break;
            case Operator::In:
                s += " in (";
                break;
            case Operator::NotIn:
                s += " notin (";
                break;
            case Operator::Gt:
                s += ">";
                break;
            case Operator::Lt:
                s += "<";
                break;
            case Operator::Exists:
            case Operator::DoesNotExist:
                break;
        }
        if (r.op != Operator::Exists && r.op != Operator::DoesNotExist) {
            std::vector<std::string> values = r.values;
            std::sort(values.begin(), values.end());
            s += join(values, ",");
            if (r.op == Operator::In || r.op == Operator::NotIn)
                s += ")";
        }
        parts.push_back(std::move(s));
    }
    return join(parts, ",");
}

}  // namespace scaledeck::sim
