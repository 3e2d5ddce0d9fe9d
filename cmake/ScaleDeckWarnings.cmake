# Warnings apply per target to our own code only, so third-party headers (included as SYSTEM)
# never break the build.
function(scaledeck_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
    if(SCALEDECK_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
