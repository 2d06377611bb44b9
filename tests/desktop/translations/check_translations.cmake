# SPDX-License-Identifier: GPL-3.0-or-later
# cmake -DLUPDATE=... -DGENERATE_PROJECT=... -DTS_FILE=... -DPROJECT_CMAKE=... [-DOPTIONS=...]
#       -DWORK_DIR=... -P check_translations.cmake
# Runs lupdate over today's sources into a copy of TS_FILE, as `update_translations` would, and
# fails when the copy has entries to translate (type="unfinished": new or changed strings) or to
# delete (vanished/obsolete: strings the sources no longer have). The committed file is untouched.
get_filename_component(name ${TS_FILE} NAME)
file(MAKE_DIRECTORY ${WORK_DIR})
set(copy ${WORK_DIR}/${name})
file(COPY_FILE ${TS_FILE} ${copy})

set(project_json ${WORK_DIR}/${name}.project.json)
execute_process(COMMAND ${CMAKE_COMMAND} -DIN_FILE=${PROJECT_CMAKE} -DOUT_FILE=${project_json}
                        -P ${GENERATE_PROJECT}
    RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cannot make the lupdate project from ${PROJECT_CMAKE}")
endif()
separate_arguments(options UNIX_COMMAND "${OPTIONS}")
execute_process(COMMAND ${LUPDATE} -silent -project ${project_json} ${options} -ts ${copy}
    RESULT_VARIABLE rc ERROR_VARIABLE lupdate_errors)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "lupdate failed on ${name}:\n${lupdate_errors}")
endif()

file(READ ${copy} ts)
# One <message> per list element, so each problem can name its source string.
string(REPLACE "<message" ";<message" messages "${ts}")
set(problems "")
foreach(message IN LISTS messages)
    if(NOT message MATCHES "^<message")
        continue()
    endif()
    string(REGEX MATCH "<source>([^<]*)</source>" source "${message}")
    set(source "${CMAKE_MATCH_1}")
    if(message MATCHES "type=\"unfinished\"")
        list(APPEND problems "unfinished: \"${source}\"")
    elseif(message MATCHES "type=\"(vanished|obsolete)\"")
        list(APPEND problems "no longer in the sources: \"${source}\"")
    endif()
endforeach()
if(problems)
    list(LENGTH problems count)
    list(JOIN problems "\n  " listed)
    message(FATAL_ERROR "${name}: ${count} entries need work (cmake --build build --target "
        "update_translations, then translate in Qt Linguist or the .ts file):\n  ${listed}")
endif()
string(REGEX MATCHALL "<message" all "${ts}")
list(LENGTH all count)
message(STATUS "${name}: all ${count} entries translated, none vanished")
