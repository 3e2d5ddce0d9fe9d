// Strategic merge patch (application/strategic-merge-patch+json), the patch kubectl sends by
// default, applied the way apimachinery's strategicpatch package applies it on the server.
// Maps merge key by key and `null` deletes a key. Lists with a merge key (containers, env,
// volumes, imagePullSecrets, ... by `name`; volumeMounts by `mountPath`; container ports by
// `containerPort`; conditions by `type`; ownerReferences by `uid`; hostAliases by `ip`;
// topologySpreadConstraints by `topologyKey`) merge element by element, `finalizers` merge as a
// set, and every other list (args, command, tolerations, HPA metrics and policies) is replaced.
// Lists are recognised by field name, so the patch needs no schema.
//
// Directives: `"$patch": "replace"` on a map or as a list element, `"$patch": "delete"` in a
// keyed-list element (removes it) or on a map (removes that key; apimachinery leaves `{}`, which
// the typed round trip usually drops), `$setElementOrder/<list>`, `$retainKeys` and
// `$deleteFromPrimitiveList/<list>`. The merged order of a keyed list is apimachinery's: patch
// elements first in patch order, server-only elements interleaved by their original position,
// so a new element lands in front. The result never contains directives or nulls introduced by
// the patch. A patch that cannot be applied is an Error with the reason; nothing throws.
#pragma once

#include <nlohmann/json.hpp>

#include "base/result.h"

namespace scaledeck::sim {

base::Result<nlohmann::json> applyStrategicMergePatch(const nlohmann::json& original,
                                                      const nlohmann::json& patch);

}  // namespace scaledeck::sim
