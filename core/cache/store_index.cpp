#include "cache/store_index.h"

namespace scaledeck::cache {

const char* toString(StoreIndex index) {
    switch (index) {
        case StoreIndex::Namespace:
            return "namespace";
        case StoreIndex::Label:
            return "label";
        case StoreIndex::Owner:
            return "owner";
        case StoreIndex::Node:
            return "node";
    }
    return "namespace";
}

}  // namespace scaledeck::cache
