# fish completion for coderef: commands, options with their arguments,
# languages, and the classes and code numbers of the database, read at
# completion time from `coderef list` (on the --db and in the --lang typed so
# far), each shown with its name or reason phrase and gloss.

# `coderef list` with the --db and --lang options of the command line.
function __coderef_list
    set -l tokens (commandline -opc)
    set -e tokens[1]
    set -l opts
    while set -q tokens[1]
        switch $tokens[1]
            case '--db=*' '--lang=*'
                set -a opts $tokens[1]
            case -d --db -l --lang
                set -q tokens[2]; and set -a opts $tokens[1] $tokens[2]
                set -e tokens[1]
            case '-d?*' '-l?*'
                set -a opts $tokens[1]
        end
        set -e tokens[1]
    end
    command coderef $opts --color=never list $argv 2>/dev/null
end

# Code numbers with their reason phrase and gloss: the list prints
# "  NUMBER TEXT" under each class heading.
function __coderef_codes
    # Bare numbers are of the default set, SIP; other sets' codes are
    # written SET:NUMBER: their prefixes are offered, and once a prefix is
    # typed, that set's codes.
    set -l word (commandline -ct)
    if string match -qr '^[a-z][a-z0-9]*:' -- $word
        set -l key (string split -m1 : -- $word)[1]
        __coderef_list $key | string replace -rf '^  ([0-9]+) (.*)$' "$key:\$1\t\$2"
        return
    end
    __coderef_list sip | string replace -rf '^  ([0-9]+) (.*)$' '$1\t$2'
    __coderef_list | string replace -rf '^(.*) \(([a-z0-9]+):NUMBER\)$' '$2:\t$1 codes'
end

# The set keys, from the list's set headings ("HTTP (http:NUMBER)").
function __coderef_sets
    __coderef_list | string replace -rf '^(.*) \(([a-z0-9]+):NUMBER\)$' '$2\t$1'
end

# Classes, from the list's headings ("4xx Request Failure").
# After "list SET", that set's classes; after "list", the sets and every
# set's classes.
function __coderef_classes
    set -l tokens (commandline -opc)
    set -l key
    set -l i (contains -i -- list $tokens)
    and set -q tokens[(math $i + 1)]
    and set key $tokens[(math $i + 1)]
    if test -n "$key"
        __coderef_list $key | string replace -rf '^([0-9]xx) (.*)$' '$1\t$2'
        return
    end
    __coderef_sets
    # each class once, as the first set (the default) names it
    __coderef_list | string replace -rf '^([0-9]xx) (.*)$' '$1\t$2' | awk -F '\t' '!seen[$1]++'
end

# The command: the first word that is not an option or an option's value
# (a code number stands for show or compare).
function __coderef_command
    set -l tokens (commandline -opc)
    set -e tokens[1]
    while set -q tokens[1]
        switch $tokens[1]
            case -d --db -l --lang -s --set
                set -e tokens[1]
            case '-*'
            case '*'
                echo $tokens[1]
                return 0
        end
        set -e tokens[1]
    end
    return 1
end

function __coderef_command_is
    set -l command (__coderef_command); or return 1
    contains -- $command $argv; and return 0
    # A code number as the command means show (or compare).
    contains -- number $argv; and string match -qr '^([a-zA-Z][a-zA-Z0-9]*:)?[0-9]+$' -- $command
end

complete -c coderef -f

complete -c coderef -s l -l lang -x -a 'en\tEnglish ja\tJapanese' -d 'language of texts and messages'
complete -c coderef -s d -l db -r -F -d 'read codes from FILE'
complete -c coderef -s s -l set -x -a '(__coderef_sets)' -d 'code set of bare numbers'
complete -c coderef -s j -l json -d 'print JSON instead of text'
complete -c coderef -l ascii -d 'draw call flows in ASCII'
complete -c coderef -l no-flow -d 'leave the call flow out of cards'
complete -c coderef -s f -l follow -d 'decode: wait for more at the end, as tail -f'
complete -c coderef -s o -l only -d 'decode: print the findings, not the lines'
complete -c coderef -l color -l colour -f -a 'auto always never' -d 'colour the output'
complete -c coderef -s h -l help -d 'show help and exit'
complete -c coderef -s V -l version -d 'show version information and exit'

complete -c coderef -n 'not __coderef_command' -a show -d "print each code's card"
complete -c coderef -n 'not __coderef_command' -a compare -d 'put two codes side by side'
complete -c coderef -n 'not __coderef_command' -a search -d 'find codes by number, reason or text'
complete -c coderef -n 'not __coderef_command' -a list -d 'list codes, all or of one class'
complete -c coderef -n 'not __coderef_command' -a browse -d 'open the full-screen browser'
complete -c coderef -n 'not __coderef_command' -a decode -d 'explain every code in traces and logs'
complete -c coderef -n '__coderef_command_is decode' -F
complete -c coderef -n 'not __coderef_command; or __coderef_command_is show compare browse number' -a '(__coderef_codes)'
complete -c coderef -n '__coderef_command_is list' -a '(__coderef_classes)'
