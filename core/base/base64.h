// Base64 with the standard alphabet and '=' padding (RFC 4648 §4), as kubeconfig *-data fields
// and Go's encoding/base64.StdEncoding use it. Encoding never fails. Decoding is strict about
// what it accepts: only alphabet characters, padding only at the end and only as much as the
// length calls for, a length that is a multiple of four; anything else is a Parse error whose
// message names the offending character and its position. Whitespace is not skipped: callers
// that read wrapped text (kubeconfigs) strip line breaks first, so the decoder stays exact.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace scaledeck::base {

std::string base64Encode(std::string_view data);

Result<std::string> base64Decode(std::string_view text);

}  // namespace scaledeck::base
