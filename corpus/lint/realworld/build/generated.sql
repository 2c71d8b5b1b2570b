-- a build step writes this file; it is not the team's SQL
SELECT * FROM t WHERE;
