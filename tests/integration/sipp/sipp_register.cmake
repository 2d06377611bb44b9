# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DSIPP=... -DSTATE_DIR=... -DSCENARIOS=... -P sipp_register.cmake
# Reads the fixture's kamailio.env and runs sipp against its UDP port: alice with her
# password must register; alice with a wrong password must be refused. Then alice's bindings
# go again: the tests after this one call alice and must reach only their own phones.

file(STRINGS ${STATE_DIR}/kamailio.env env_lines REGEX "^PARLA_KAMAILIO_UDP_PORT=")
if(NOT env_lines)
    message(FATAL_ERROR "no PARLA_KAMAILIO_UDP_PORT in ${STATE_DIR}/kamailio.env")
endif()
string(REGEX REPLACE "^PARLA_KAMAILIO_UDP_PORT=" "" port "${env_lines}")

function(run_sipp scenario user password)
    execute_process(
        COMMAND ${SIPP} -sf ${SCENARIOS}/${scenario} -s ${user} -au ${user} -ap ${password}
                -i 127.0.0.1 -m 1 -timeout 10s -timeout_error -nostdin
                127.0.0.1:${port}
        RESULT_VARIABLE rc
        OUTPUT_VARIABLE out
        ERROR_VARIABLE out
        TIMEOUT 30)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "sipp ${scenario} as ${user} failed (exit ${rc}):\n${out}")
    endif()
    message(STATUS "sipp ${scenario} as ${user}: passed")
endfunction()

run_sipp(register_auth.xml alice alice-secret)
run_sipp(register_badauth.xml alice wrong-password)
run_sipp(unregister_auth.xml alice alice-secret)
