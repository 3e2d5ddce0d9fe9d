#include "sim/sim_clock.h"

#include <cstdlib>

namespace scaledeck::sim {

base::Result<SimClock> SimClock::fromSpec(const std::string& spec, base::UnixMillis start) {
    SimClock c;
    c.m_start = start;
    c.m_now = start;
    if (spec == "real") {
        c.m_mode = Mode::Real;
    } else if (spec == "manual") {
        c.m_mode = Mode::Manual;
    } else if (spec.size() > 1 && spec[0] == 'x') {
        char* end = nullptr;
        const double factor = std::strtod(spec.c_str() + 1, &end);
        if (*end != '\0' || !(factor > 0) || factor > 10000) {
            return base::Error::invalid("--clock " + spec +
                                        ": the speed factor must be a number between 0 and 10000 "
                                        "(for example x10)");
        }
        c.m_mode = Mode::Scaled;
        c.m_speed = factor;
    } else {
        return base::Error::invalid("--clock " + spec + ": use real, manual or xN (for example x10)");
    }
    return c;
}

std::string SimClock::describe() const {
    switch (m_mode) {
        case Mode::Real: return "real";
        case Mode::Manual: return "manual";
        case Mode::Scaled: {
            std::string s = std::to_string(m_speed);
            while (s.size() > 1 && s.back() == '0') s.pop_back();
            if (!s.empty() && s.back() == '.') s.pop_back();
            return "x" + s;
        }
    }
    return "real";
}

}  // namespace scaledeck::sim
