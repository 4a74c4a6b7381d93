namespace RelIntel.Neo4j;

/// <summary>Neo4j answered with an error code.</summary>
public class Neo4jException(string code, string message) : Exception($"{code}: {message}")
{
    public string Code { get; } = code;

    public string Neo4jMessage { get; } = message;

    /// <summary>A full-text search string that Lucene could not parse (the caller's input, not our Cypher).</summary>
    public bool IsFullTextQuerySyntaxError =>
        Code == "Neo.ClientError.Procedure.ProcedureCallFailed" && Neo4jMessage.Contains("lucene.queryparser", StringComparison.Ordinal);

    public static Neo4jException FromCode(string code, string message) => code switch
    {
        "Neo.ClientError.Schema.ConstraintValidationFailed" => new Neo4jConstraintViolationException(code, message),
        _ when code.StartsWith("Neo.ClientError.Statement.SyntaxError", StringComparison.Ordinal)
            => new Neo4jSyntaxException(code, message),
        _ when code.StartsWith("Neo.TransientError.", StringComparison.Ordinal) => new Neo4jTransientException(code, message),
        _ when code.StartsWith("Neo.ClientError.", StringComparison.Ordinal) => new Neo4jClientException(code, message),
        _ => new Neo4jException(code, message),
    };
}

/// <summary>The statement or its input was refused (<c>Neo.ClientError.*</c>); retrying will not help.</summary>
public class Neo4jClientException(string code, string message) : Neo4jException(code, message);

/// <summary>A uniqueness constraint refused a write: the caller's data conflicts with stored data.</summary>
public sealed class Neo4jConstraintViolationException(string code, string message) : Neo4jClientException(code, message);

/// <summary>Neo4j could not parse a statement.</summary>
public sealed class Neo4jSyntaxException(string code, string message) : Neo4jClientException(code, message);

/// <summary>A <c>Neo.TransientError.*</c>: the same work may succeed if tried again.</summary>
public sealed class Neo4jTransientException(string code, string message) : Neo4jException(code, message);

/// <summary>Neo4j could not be reached or did not answer in time.</summary>
public class Neo4jUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>When it is worth trying again.</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Neo4j did not answer in time: not retried at once, as the same work would most likely be as slow again.</summary>
    public bool TimedOut { get; init; }
}

/// <summary>
/// A write or a commit was sent, and no answer came (a timeout, a dropped connection): it may or may not have committed.
/// Never retried blindly; the caller may safely repeat an idempotent write, or look up what committed.
/// </summary>
public sealed class Neo4jOutcomeUnknownException(string message, Exception? inner = null) : Neo4jUnavailableException(message, inner);
