<?php
// agentlab's Bitrix for PHP agents: the little of the kernel an agent function sees,
// backed by the emulated kernel (agentlab/php/bridge.py). agentlab/README.md, "PHP
// agents", lists what it offers; anything else fails with a message naming it.
//
// One interpreter runs the calls of one environment (BX_CRONTAB defined or not), as
// a host gives it: php-cli at build time (agentlab/php/cli_host.py, this file's
// serve loop), PHP compiled to WebAssembly in the browser. Every message to the
// kernel goes through agentlab_host(); the host answers each one.

const AGENTLAB_MESSAGE_END = "\n";

// Agents run after the prolog: the usual guard of a Bitrix file lets them through.
define("B_PROLOG_INCLUDED", true);

/** @var callable|null how a message reaches the host and its answer comes back */
$GLOBALS['agentlab_transport'] = null;
/** @var bool while the reader's file is loaded into a call interpreter: its
 * registration calls ran once already, in the registration interpreter */
$GLOBALS['agentlab_muted'] = false;

function agentlab_host(array $message)
{
    if ($GLOBALS['agentlab_muted'] && !isset($message['done'])) {
        return null;
    }
    return ($GLOBALS['agentlab_transport'])($message);
}

// -- what an agent may call ---------------------------------------------------

/** main/tools.php: a line in the log file (here: the run's log, led by the call's time). */
function AddMessage2Log($sText, $sModule = "", $traceDepth = 6, $bShowArgs = false)
{
    agentlab_host(['log' => is_string($sText) ? $sText : print_r($sText, true)]);
}

class CAllAgent
{
    /** main/classes/general/agent.php: the new agent's ID, or false if an agent with
     * this NAME and USER_ID exists (its ID with $existError = false). */
    public static function AddAgent($name, $module = "", $period = "N", $interval = 86400, $datecheck = "",
                                    $active = "Y", $next_exec = "", $sort = 100, $user_id = false,
                                    $existError = true)
    {
        return agentlab_host(['add' => [
            'name' => (string)$name, 'module' => (string)$module, 'period' => (string)$period,
            'interval' => (int)$interval, 'active' => (string)$active, 'next_exec' => (string)$next_exec,
            'sort' => (int)$sort, 'user_id' => $user_id ? (int)$user_id : null, 'exist_error' => (bool)$existError,
        ]]);
    }

    /** Deletes the agents with this NAME, MODULE_ID and USER_ID. */
    public static function RemoveAgent($name, $module = "", $user_id = false)
    {
        agentlab_host(['remove' => [
            'name' => (string)$name, 'module' => (string)$module, 'user_id' => $user_id ? (int)$user_id : null,
        ]]);
    }

    public static function __callStatic($method, $arguments)
    {
        throw new Error("agentlab: CAgent::$method() is not emulated; agentlab offers CAgent::AddAgent() "
            . "and CAgent::RemoveAgent() (see agentlab/README.md, PHP agents)");
    }
}

class CAgent extends CAllAgent
{
}

// Any other Bitrix class: one clear message instead of PHP's "Class not found".
spl_autoload_register(function ($class) {
    throw new Error("agentlab: class $class is not emulated; agentlab offers AddMessage2Log(), "
        . "CAgent::AddAgent() and CAgent::RemoveAgent() (see agentlab/README.md, PHP agents)");
});

// -- one call, as CAgent::ExecuteAgents makes it --------------------------------

/** The warnings and notices of a call go to its log, as Bitrix writes them to its own. */
function agentlab_on_error($errno, $errstr, $errfile, $errline)
{
    if (!(error_reporting() & $errno)) {
        return false;
    }
    $kinds = [E_WARNING => 'Warning', E_NOTICE => 'Notice', E_DEPRECATED => 'Deprecated',
        E_USER_WARNING => 'Warning', E_USER_NOTICE => 'Notice', E_USER_DEPRECATED => 'Deprecated'];
    $kind = $kinds[$errno] ?? 'Error';
    agentlab_host(['log' => "PHP $kind: $errstr in " . basename($errfile) . ":$errline"]);
    return true;
}

/** The call: global $USER is null, $pPERIOD is the agent's interval (the agent may
 * change it), and the code runs as `$eval_result = NAME;`. */
function agentlab_call($name, $interval)
{
    global $USER, $pPERIOD;
    $pPERIOD = $interval;
    $USER = null; // main/classes/general/agent.php: "global $USER should not be available here"
    $throwable = null;
    $eval_result = "";
    ob_start();
    try {
        eval("\$eval_result=" . $name);
    } catch (Throwable $e) {
        $throwable = [
            'class' => get_class($e), 'exception' => $e instanceof Exception, 'message' => $e->getMessage(),
            'where' => basename($e->getFile()) . ':' . $e->getLine(),
        ];
    }
    $echo = ob_get_clean();
    if ($echo !== '' && $echo !== false) {
        agentlab_host(['log' => "echo: " . rtrim($echo, "\n")]);
    }
    // $eval_result == '': the kernel deletes the agent (null, false and '' alike).
    $result = $throwable === null ? ($eval_result == '' ? '' : (string)$eval_result) : null;
    agentlab_host(['done' => ['result' => $result, 'pperiod' => (int)$pPERIOD, 'throwable' => $throwable]]);
}

/** A fatal error (no Throwable: memory, exit) ends the process, as it ends a request. */
function agentlab_on_shutdown()
{
    if (!isset($GLOBALS['agentlab_calling']) || !$GLOBALS['agentlab_calling']) {
        return;
    }
    $error = error_get_last();
    $fatal = $error && in_array($error['type'], [E_ERROR, E_CORE_ERROR, E_COMPILE_ERROR, E_USER_ERROR, E_PARSE], true)
        ? $error['message'] . ' in ' . basename($error['file']) . ':' . $error['line']
        : 'the script ended (exit or die)';
    while (ob_get_level()) {
        ob_end_clean(); // what the call echoed must not follow the message
    }
    $GLOBALS['agentlab_muted'] = false;
    agentlab_host(['done' => ['fatal' => $fatal]]);
}

/** The interpreter of one environment: its constants, then the reader's file. In a
 * call interpreter the file's own registration calls are muted: they ran once, at
 * the start of the run, in the registration interpreter. */
function agentlab_load($file, array $constants, $register)
{
    foreach ($constants as $constant => $value) {
        define($constant, $value);
    }
    $GLOBALS['agentlab_muted'] = !$register;
    $GLOBALS['agentlab_calling'] = true;
    $error = null;
    ob_start();
    try {
        require $file;
    } catch (Throwable $e) {
        $error = get_class($e) . ': ' . $e->getMessage() . ' in ' . basename($e->getFile()) . ':' . $e->getLine();
    }
    ob_end_clean();
    $GLOBALS['agentlab_calling'] = false;
    $GLOBALS['agentlab_muted'] = false;
    return $error;
}

// -- a request of the host, whatever carries it -------------------------------

/** A request: load the reader's file into this interpreter, or make one call. A call
 * longer than the host's time limit ends with PHP's own fatal error, as a hit ends at
 * max_execution_time. */
function agentlab_handle(array $request)
{
    if (isset($request['load'])) {
        $load = $request['load'];
        $GLOBALS['agentlab_time_limit'] = (int)$load['time_limit'];
        $error = agentlab_load($load['file'], $load['constants'], $load['register']);
        agentlab_host(['done' => ['loaded' => $error === null, 'error' => $error]]);
    } elseif (isset($request['call'])) {
        $GLOBALS['agentlab_calling'] = true;
        set_time_limit($GLOBALS['agentlab_time_limit']);
        agentlab_call($request['call']['name'], $request['call']['interval']);
        set_time_limit(0);
        $GLOBALS['agentlab_calling'] = false;
    }
}

function agentlab_encode(array $message)
{
    return json_encode($message, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_INVALID_UTF8_SUBSTITUTE);
}

// -- php-cli: JSON lines on two file descriptors of their own ------------------

/** Serves the host: messages out on fd $out, requests and answers in on fd $in. The
 * reader's code keeps stdin, stdout and stderr: nothing it does there can break this. */
function agentlab_serve_cli($out, $in)
{
    $to_host = fopen("php://fd/$out", 'w');
    $from_host = fopen("php://fd/$in", 'r');
    $GLOBALS['agentlab_transport'] = function (array $message) use ($to_host, $from_host) {
        fwrite($to_host, agentlab_encode($message) . AGENTLAB_MESSAGE_END);
        fflush($to_host);
        if (isset($message['done'])) {
            return null;
        }
        $answer = fgets($from_host);
        if ($answer === false) {
            exit(0); // the host went away
        }
        return json_decode($answer, true)['answer'];
    };
    set_error_handler('agentlab_on_error');
    register_shutdown_function('agentlab_on_shutdown');
    while (($line = fgets($from_host)) !== false) {
        agentlab_handle(json_decode($line, true));
    }
}

// -- PHP compiled to WebAssembly: the page's worker, through stderr and stdin ----

/** The browser's worker loads this file, then calls this once; each request comes as
 * `agentlab_handle(...)`. A message goes out on stderr, one line led by \x1e; the
 * worker reads it as it is written and puts the answer on stdin before PHP reads it. */
function agentlab_serve_stdio()
{
    $to_host = fopen('php://stderr', 'w');
    $from_host = fopen('php://stdin', 'r');
    $GLOBALS['agentlab_transport'] = function (array $message) use ($to_host, $from_host) {
        fwrite($to_host, "\x1e" . agentlab_encode($message) . AGENTLAB_MESSAGE_END);
        fflush($to_host);
        if (isset($message['done'])) {
            return null;
        }
        return json_decode(fgets($from_host), true)['answer'];
    };
    set_error_handler('agentlab_on_error');
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    agentlab_serve_cli((int)$argv[1], (int)$argv[2]);
}
