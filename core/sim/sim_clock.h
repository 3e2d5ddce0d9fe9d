// SimClock: the simulator's notion of "now". Simulated time moves only when the controller loop
// steps it, so every controller sees one consistent instant per step and a manual clock makes
// runs reproducible. Real mode follows the wall clock; xN mode runs N times faster; manual mode
// moves only through POST /sim/v1/clock/advance. Guarded by the simulator's world lock.
#pragma once

#include <string>

#include "base/result.h"
#include "base/time_format.h"

namespace scaledeck::sim {

class SimClock {
public:
    enum class Mode { Real, Manual, Scaled };

    // "real", "manual", "x10" (any positive factor).
    static base::Result<SimClock> fromSpec(const std::string& spec, base::UnixMillis start);

    Mode mode() const { return m_mode; }
    double speed() const { return m_speed; }
    base::UnixMillis now() const { return m_now; }
    base::UnixMillis start() const { return m_start; }
    void setNow(base::UnixMillis t) { m_now = t; }
    std::string describe() const;

private:
    Mode m_mode = Mode::Real;
    double m_speed = 1.0;
    base::UnixMillis m_start = 0;
    base::UnixMillis m_now = 0;
};

}  // namespace scaledeck::sim
