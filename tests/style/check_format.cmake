# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DCLANG_FORMAT=... -DSOURCE_DIR=... -P check_format.cmake
# Fails when a C++ file of the project is not formatted as .clang-format says.
file(GLOB_RECURSE sources
    ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.h
    ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/app/*.h
    ${SOURCE_DIR}/kamailio/*.cpp ${SOURCE_DIR}/kamailio/*.h
    ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.h)
set(unformatted "")
foreach(source ${sources})
    execute_process(COMMAND ${CLANG_FORMAT} --dry-run --Werror ${source}
        RESULT_VARIABLE rc OUTPUT_QUIET ERROR_QUIET)
    if(NOT rc EQUAL 0)
        list(APPEND unformatted ${source})
    endif()
endforeach()
if(unformatted)
    list(JOIN unformatted "\n  " listed)
    message(FATAL_ERROR "not clang-formatted (run clang-format -i on them):\n  ${listed}")
endif()
list(LENGTH sources count)
message(STATUS "${count} files formatted as .clang-format says")
