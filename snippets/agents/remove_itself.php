<?php
// an agent that runs a set number of times, then removes itself

function CountDown($left)
{
   AddMessage2Log("CountDown: ".$left);
   if ($left <= 1)
      return "";   // an empty string: the system deletes the agent
   return "CountDown(".($left - 1).");";   // the code for the next run
}

// registered once, e.g. when a module is installed
CAgent::AddAgent("CountDown(3);", "", "N", 3600);
